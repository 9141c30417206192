"""Every page and action of /organizzazioni/ for every role, allowed and denied."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civichub.organisations.models import (
    ContributorApplication,
    Kind,
    Membership,
    Organisation,
)

from .conftest import ROLES
from .factories import (
    OrganisationFactory,
    application,
    member,
    municipality,
    png_upload,
    valid_tax_code,
)

pytestmark = pytest.mark.django_db


def url(name: str, organisation: Organisation | None = None, **kwargs) -> str:
    if organisation is not None:
        kwargs["slug"] = organisation.slug
    return reverse(f"organisations:{name}", kwargs=kwargs)


def comparable(response, slug: str) -> str:
    """The page without what always differs: the path echoed in links, CSRF tokens."""
    content = response.content.decode().replace(slug, "?")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "next=" in response["Location"]


# --- viewing ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_directory_and_a_public_organisation(client_as, organisation, role):
    client = client_as(role)

    assert client.get(url("list")).status_code == 200
    response = client.get(url("detail", organisation))
    assert response.status_code == 200
    assert "Associazione Il Ponte" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("participant", 404),
        ("contributor", 404),
        ("org_member", 200),
        ("org_admin", 200),
        ("promoter", 200),
        ("staff", 200),
    ],
)
def test_a_non_public_organisation_is_a_404_for_outsiders(client_as, organisation, role, status):
    organisation.is_public = False
    organisation.save()

    response = client_as(role).get(url("detail", organisation))
    missing = client_as(role).get(url("detail", slug="non-esiste"))

    assert response.status_code == status
    assert missing.status_code == 404
    if status == 404:
        assert comparable(response, "il-ponte") == comparable(missing, "non-esiste")
    assert client_as(role).get(url("list")).context["paginator"].count == 0


def test_the_page_shows_members_badges_contacts_and_territories(client, organisation):
    organisation.is_verified = organisation.is_contributor = True
    organisation.website = "https://ilponte.example.org"
    organisation.description = "Prima riga.\nSeconda <b>riga</b>."
    organisation.save()
    person = member(organisation).user
    person.profile.visibility = person.profile.organisations_visibility = "public"
    person.profile.save(update_fields=["visibility", "organisations_visibility"])
    member(organisation, status=Membership.Status.PENDING)

    content = client.get(url("detail", organisation)).content.decode()

    assert person.get_full_name() in content
    assert content.count("it-user") >= 1
    assert "Verificata" in content
    assert "Contributrice" in content
    assert 'href="https://ilponte.example.org"' in content
    assert "Seconda &lt;b&gt;riga&lt;/b&gt;." in content
    assert "Chiedi di aderire" not in content  # visitors are invited to sign in instead


@pytest.mark.parametrize(
    ("role", "actions", "absent"),
    [
        ("participant", ["Chiedi di aderire"], ["Modifica la scheda", "Segna come verificata"]),
        (
            "org_member",
            ["Lascia l'organizzazione"],
            ["Chiedi di aderire", "Modifica la scheda"],
        ),
        (
            "org_admin",
            ["Modifica la scheda", "Gestisci membri e richieste", "Candidati come organizzazione"],
            ["Chiedi di aderire", "Segna come verificata"],
        ),
        ("promoter", ["Modifica la scheda", "Segna come verificata"], ["Lascia"]),
    ],
)
def test_actions_depend_on_permissions(client_as, organisation, role, actions, absent):
    content = client_as(role).get(url("detail", organisation)).content.decode()

    for action in actions:
        assert action in content
    for action in absent:
        assert action not in content


# --- create and edit ----------------------------------------------------------------------


def form_data(**overrides) -> dict:
    data = {
        "name": "Laboratorio Civico Navile",
        "kind": Kind.THIRD_SECTOR,
        "runts_section": "odv",
        "tax_code": valid_tax_code(500),
        "summary": "Volontari per il quartiere.",
        "is_public": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_creating_an_organisation(client_as, role):
    client = client_as(role)

    page = client.get(url("create"))
    response = client.post(url("create"), form_data())

    if role == "visitor":
        assert is_login_redirect(page)
        assert is_login_redirect(response)
        assert not Organisation.objects.filter(name="Laboratorio Civico Navile").exists()
        return
    assert page.status_code == 200
    created = Organisation.objects.get(name="Laboratorio Civico Navile")
    assert response.status_code == 302
    assert response["Location"] == url("detail", created)
    assert created.memberships.get().role == Membership.Role.ADMIN


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"tax_code": "00743110158"},
            "Il codice fiscale o la partita IVA non è valido: la cifra di controllo non "
            "corrisponde. Controlla di averlo copiato correttamente.",
        ),
        (
            {"tax_code": "123"},
            "Il codice fiscale deve avere 11 cifre (enti e partite IVA) o 16 caratteri "
            "(persone fisiche): ne hai inseriti 3.",
        ),
        (
            {"runts_section": ""},
            "Per un ente del Terzo Settore indica la sezione del RUNTS.",
        ),
        (
            {"kind": Kind.PUBLIC_ADMINISTRATION, "pa_kind": "comune", "ipa_code": "c-a944"},
            "Il codice IPA è fatto di lettere, cifre e trattini bassi, da 2 a 20 caratteri "
            "(ad esempio c_a944): lo trovi su indicepa.gov.it.",
        ),
        ({"name": ""}, "Questo campo è obbligatorio."),
    ],
)
def test_bad_input_gives_a_clear_error_and_saves_nothing(client_as, overrides, message):
    response = client_as("participant").post(url("create"), form_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert "Ci sono errori nel modulo" in response.content.decode()
    assert not Organisation.objects.filter(name="Laboratorio Civico Navile").exists()
    assert Membership.objects.count() == 2  # the fixture's member and admin only


def test_duplicate_tax_code_is_refused_naming_the_public_owner(client_as, organisation):
    response = client_as("participant").post(
        url("create"), form_data(tax_code=organisation.tax_code)
    )

    assert "Questo codice fiscale è già registrato per «Associazione Il Ponte»." in (
        response.content.decode()
    )
    assert Organisation.objects.count() == 1


def test_oversized_and_non_image_logos_are_refused(client_as):
    client = client_as("participant")
    big = client.post(url("create"), {**form_data(), "logo": png_upload(padding=2_100_000)})
    fake = client.post(
        url("create"),
        {
            **form_data(),
            "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 no", content_type="image/png"),
        },
    )

    assert "Il file è troppo grande" in big.content.decode()
    assert (
        "Carica un&#x27;immagine valida. Il file caricato non è un&#x27;immagine o è "
        "un&#x27;immagine danneggiata."
    ) in fake.content.decode()
    assert not Organisation.objects.filter(name="Laboratorio Civico Navile").exists()


@pytest.mark.parametrize("picked", [True, False])  # with JavaScript (pk) or without (text)
def test_the_seat_is_chosen_with_the_comune_picker(client_as, picked):
    bologna = municipality("037006", "Bologna")
    seat = {"municipality": bologna.pk if picked else "", "municipality_text": "Bologna"}

    response = client_as("participant").post(url("create"), {**form_data(), **seat})

    assert response.status_code == 302
    created = Organisation.objects.get(name="Laboratorio Civico Navile")
    assert (created.municipality, created.region) == (bologna, bologna.region)


def test_an_unknown_comune_is_explained(client_as):
    response = client_as("participant").post(
        url("create"), {**form_data(), "municipality": "", "municipality_text": "Atlantide"}
    )

    assert "Nessun comune si chiama «Atlantide»" in response.content.decode()
    assert not Organisation.objects.filter(name="Laboratorio Civico Navile").exists()


def test_a_valid_logo_is_stored_and_shown(client_as):
    response = client_as("participant").post(url("create"), {**form_data(), "logo": png_upload()})

    created = Organisation.objects.get(name="Laboratorio Civico Navile")
    assert response.status_code == 302
    assert (created.logo.name or "").endswith(".png")
    assert created.logo.url in client_as("visitor").get(url("detail", created)).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("participant", 403),
        ("org_member", 403),
        ("contributor", 403),
        ("org_admin", 200),
        ("promoter", 200),
        ("staff", 200),
    ],
)
def test_editing_is_for_admins_and_promoters(client_as, organisation, role, status):
    client = client_as(role)

    assert client.get(url("edit", organisation)).status_code == status
    response = client.post(
        url("edit", organisation),
        form_data(name="Il Ponte ODV", tax_code=organisation.tax_code),
    )

    organisation.refresh_from_db()
    if status == 200:
        assert response.status_code == 302
        assert organisation.name == "Il Ponte ODV"
    else:
        assert response.status_code == status
        assert organisation.name == "Associazione Il Ponte"


def test_edit_form_is_filled_in_and_keeps_the_slug(client_as, organisation):
    client = client_as("org_admin")

    page = client.get(url("edit", organisation))
    assert page.context["form"].initial["tax_code"] == organisation.tax_code
    client.post(
        url("edit", organisation), form_data(name="Nome nuovo", tax_code=organisation.tax_code)
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.slug) == ("Nome nuovo", "il-ponte")


def test_editing_a_missing_or_hidden_organisation_is_a_404(client_as, organisation):
    organisation.is_public = False
    organisation.save()
    client = client_as("participant")

    assert client.get(url("edit", organisation)).status_code == 404
    assert client.get(url("edit", slug="non-esiste")).status_code == 404


# --- joining and leaving ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("participant", 302),
        ("contributor", 302),
        ("promoter", 302),
        ("staff", 302),
        ("org_member", 403),
        ("org_admin", 403),
    ],
)
def test_join_requests(client_as, people, organisation, role, status):
    response = client_as(role).post(url("join", organisation))

    assert response.status_code == status
    user = people[role]
    if role == "visitor":
        assert is_login_redirect(response)
    elif status == 302:
        assert response["Location"] == url("detail", organisation)
        assert Membership.objects.get(user=user).status == Membership.Status.PENDING


def test_join_is_post_only(client_as, organisation):
    assert client_as("participant").get(url("join", organisation)).status_code == 405
    assert not Membership.objects.filter(status=Membership.Status.PENDING).exists()


def test_a_member_leaves_and_an_outsider_cannot(client_as, people, organisation):
    assert client_as("org_member").post(url("leave", organisation)).status_code == 302
    assert not Membership.objects.filter(user=people["org_member"]).exists()
    assert client_as("participant").post(url("leave", organisation)).status_code == 403


def test_the_last_admin_is_told_why_they_cannot_leave(client_as, organisation):
    response = client_as("org_admin").post(url("leave", organisation), follow=True)

    assert "almeno un amministratore" in response.content.decode()
    assert organisation.memberships.filter(role=Membership.Role.ADMIN).exists()


# --- members management ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("participant", 403),
        ("org_member", 403),
        ("contributor", 403),
        ("org_admin", 200),
        ("promoter", 200),
        ("staff", 200),
    ],
)
def test_members_page(client_as, organisation, role, status):
    pending = member(organisation, status=Membership.Status.PENDING)

    response = client_as(role).get(url("members", organisation))

    assert response.status_code == status
    if status == 200:
        assert pending.user.email in response.content.decode()


@pytest.mark.parametrize("role", ["participant", "org_member", "contributor"])
def test_outsiders_cannot_decide_requests(client_as, organisation, role):
    pending = member(organisation, status=Membership.Status.PENDING)

    response = client_as(role).post(
        url("membership_action", organisation, pk=pending.pk), {"action": "approve"}
    )

    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


def test_a_membership_of_another_organisation_is_a_404(client_as, organisation):
    elsewhere = member(OrganisationFactory.create(), status=Membership.Status.PENDING)

    response = client_as("org_admin").post(
        url("membership_action", organisation, pk=elsewhere.pk), {"action": "approve"}
    )

    assert response.status_code == 404


def test_admin_approves_refuses_changes_role_and_removes(
    client_as, organisation, django_capture_on_commit_callbacks
):
    client = client_as("org_admin")
    first = member(organisation, status=Membership.Status.PENDING)
    second = member(organisation, status=Membership.Status.PENDING)
    action = lambda m, **data: client.post(  # noqa: E731
        url("membership_action", organisation, pk=m.pk), data, follow=True
    )

    assert action(first, action="approve").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        action(second, action="refuse", reason="Non ti conosciamo.")
    action(first, action="role", role=Membership.Role.ADMIN)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.role) == (Membership.Status.ACTIVE, Membership.Role.ADMIN)
    assert second.status == Membership.Status.REFUSED
    assert "Non ti conosciamo." in mail.outbox[-1].body

    response = action(first, action="remove")
    assert "è stato rimosso" in response.content.decode()
    assert not Membership.objects.filter(pk=first.pk).exists()
    bad = action(second, action="esplodi")
    assert "Azione non riconosciuta." in bad.content.decode()


# --- verification and contributor applications ----------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("participant", 403),
        ("org_member", 403),
        ("org_admin", 403),
        ("contributor", 403),
        ("promoter", 302),
        ("staff", 302),
    ],
)
def test_verification(client_as, organisation, role, status):
    response = client_as(role).post(url("verify", organisation), {"verified": "1"})

    assert response.status_code == status
    organisation.refresh_from_db()
    assert organisation.is_verified is (role in {"promoter", "staff"})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("participant", 403),
        ("org_member", 403),
        ("contributor", 403),
        ("org_admin", 200),
        ("promoter", 200),
    ],
)
def test_contributor_application_page(client_as, organisation, role, status):
    assert client_as(role).get(url("apply", organisation)).status_code == status


def test_promoters_see_the_page_but_only_admins_apply(client_as, organisation):
    page = client_as("promoter").get(url("apply", organisation))
    response = client_as("promoter").post(url("apply", organisation), {"motivation": "Sì."})

    assert page.context["may_apply"] is False
    assert response.status_code == 403
    assert not ContributorApplication.objects.exists()


def test_application_needs_a_motivation(client_as, organisation):
    response = client_as("org_admin").post(url("apply", organisation), {"motivation": ""})

    assert "Questo campo è obbligatorio." in response.content.decode()
    assert not ContributorApplication.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),
        ("participant", 403),
        ("org_member", 403),
        ("org_admin", 403),
        ("contributor", 403),
        ("promoter", 200),
        ("staff", 200),
    ],
)
def test_the_promoters_queue(client_as, organisation, role, status):
    pending = application(organisation, motivation="Facilitiamo assemblee di quartiere.")

    response = client_as(role).get(url("applications"))

    assert response.status_code == status
    if status == 200:
        assert "Facilitiamo assemblee di quartiere." in response.content.decode()
    decision = client_as(role).post(
        url("application_decide", pk=pending.pk), {"decision": "approve"}
    )
    pending.refresh_from_db()
    if role in {"promoter", "staff"}:
        assert pending.status == ContributorApplication.Status.APPROVED
    else:
        assert decision.status_code == (302 if role == "visitor" else 404)
        assert pending.status == ContributorApplication.Status.PENDING


def test_refusing_from_the_queue_without_a_reason_is_explained(client_as, organisation):
    pending = application(organisation)

    response = client_as("promoter").post(
        url("application_decide", pk=pending.pk), {"decision": "refuse"}, follow=True
    )

    assert "Spiega all&#x27;organizzazione perché la rifiuti." in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == ContributorApplication.Status.PENDING


def test_deciding_a_missing_application_is_a_404(client_as):
    response = client_as("promoter").post(
        url("application_decide", pk=999), {"decision": "approve"}
    )

    assert response.status_code == 404


# --- whole workflows over HTTP -----------------------------------------------------------------


def test_join_approve_become_admin_end_to_end(
    client_as, people, organisation, django_capture_on_commit_callbacks
):
    newcomer = people["participant"]
    admin = client_as("org_admin")
    with django_capture_on_commit_callbacks(execute=True):
        client_as("participant").post(url("join", organisation))
    membership = Membership.objects.get(user=newcomer)
    action_url = url("membership_action", organisation, pk=membership.pk)

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(action_url, {"action": "approve"})
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(action_url, {"action": "role", "role": "admin"})

    assert client_as("participant").get(url("edit", organisation)).status_code == 200
    assert [m.to for m in mail.outbox] == [
        [people["org_admin"].email],
        [newcomer.email],
        [newcomer.email],
    ]


def test_contributor_application_end_to_end(
    client_as, people, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as("org_admin").post(
            url("apply", organisation), {"motivation": "Curiamo percorsi partecipativi dal 2015."}
        )
    pending = ContributorApplication.objects.get()
    promoters = {people["promoter"].email, people["staff"].email}
    assert {m.to[0] for m in mail.outbox} == promoters

    with django_capture_on_commit_callbacks(execute=True):
        client_as("promoter").post(
            url("application_decide", pk=pending.pk),
            {"decision": "approve", "reason": "Benvenuti"},
        )

    organisation.refresh_from_db()
    assert organisation.is_contributor
    assert mail.outbox[-1].to == [people["org_admin"].email]
    assert "Benvenuti" in mail.outbox[-1].body
    page = client_as("visitor").get(url("detail", organisation)).content.decode()
    assert "Contributrice" in page


def test_signed_in_pages_redirect_visitors_to_login(client):
    for page in (url("create"), url("applications")):
        assert is_login_redirect(client.get(page))


# --- query counts of the other list pages ---------------------------------------------------


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["visitor", "org_admin", "promoter"])
def test_organisation_page_and_members_page_queries_are_constant(client_as, organisation, role):
    client = client_as(role)
    pages = [url("detail", organisation)]
    if role != "visitor":
        pages.append(url("members", organisation))
    for page in pages * 2:  # warm the shared caches (hub settings, navigation)
        client.get(page)
    member(organisation, status=Membership.Status.PENDING)
    few = [count_queries(client, page) for page in pages]

    for _ in range(15):
        member(organisation)
        member(organisation, status=Membership.Status.PENDING)
    many = [count_queries(client, page) for page in pages]

    assert few == many


def test_promoters_queue_queries_are_constant(client_as, organisation):
    client = client_as("promoter")
    application(organisation)
    for _ in range(2):  # warm the shared caches
        client.get(url("applications"))
    few = count_queries(client, url("applications"))

    for other in OrganisationFactory.create_batch(15):
        application(other, submitted_by=member(other).user)
        application(other, status="refused", decided_at=timezone.now())
    many = count_queries(client, url("applications"))

    assert few == many
