from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.organisations import services
from civichub.organisations.models import (
    ContributorApplication,
    Kind,
    Membership,
    Organisation,
)
from civichub.organisations.services import OrganisationData
from civichub.taxonomy.models import Theme

from .factories import (
    OrganisationFactory,
    admin_of,
    application,
    member,
    municipality,
    png_upload,
    valid_tax_code,
)

pytestmark = pytest.mark.django_db


def actions(organisation: Organisation) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(organisation)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def ets_data(**overrides: Any) -> OrganisationData:
    values: dict[str, Any] = {
        "name": "Rete Civica del Navile",
        "kind": Kind.THIRD_SECTOR,
        "runts_section": "aps",
        "tax_code": valid_tax_code(900),
    }
    values.update(overrides)
    return OrganisationData(**values)


def test_create_makes_the_creator_admin_logs_and_tells_promoters(
    django_capture_on_commit_callbacks,
):
    promoter = PromoterFactory.create()
    creator = UserFactory.create()
    seat = municipality()
    theme = Theme.objects.get(slug="beni-comuni")

    with django_capture_on_commit_callbacks(execute=True):
        organisation = services.organisation_create(
            actor=creator,
            data=ets_data(tax_code=" it " + valid_tax_code(900), municipality=seat, themes=[theme]),
        )

    organisation.refresh_from_db()
    assert organisation.slug == "rete-civica-del-navile"
    assert organisation.tax_code == valid_tax_code(900)
    assert organisation.region == seat.region
    assert list(organisation.themes.all()) == [theme]
    assert not organisation.is_verified
    assert not organisation.is_contributor
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role, membership.status) == (
        creator,
        Membership.Role.ADMIN,
        Membership.Status.ACTIVE,
    )
    assert actions(organisation) == ["civichub.organisations.create"]
    assert [m.to for m in mail.outbox] == [[promoter.email]]
    assert "Rete Civica del Navile" in mail.outbox[0].subject


def test_slugs_are_unique_and_never_reserved_words():
    user = UserFactory.create()
    first = services.organisation_create(actor=user, data=ets_data(name="Nuova", tax_code=""))
    second = services.organisation_create(actor=user, data=ets_data(name="Nuova", tax_code=""))

    assert first.slug == "nuova-2"
    assert second.slug == "nuova-3"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"runts_section": ""},
            "runts_section",
            "Per un ente del Terzo Settore indica la sezione del RUNTS.",
        ),
        (
            {"kind": Kind.PUBLIC_ADMINISTRATION, "ipa_code": "c_a944"},
            "pa_kind",
            "Per una pubblica amministrazione indica il tipo di ente.",
        ),
        (
            {"kind": Kind.PUBLIC_ADMINISTRATION, "pa_kind": "comune"},
            "ipa_code",
            "Per una pubblica amministrazione il codice IPA è obbligatorio.",
        ),
        ({"name": "  "}, "name", "Indica il nome dell'organizzazione."),
        ({"kind": "banca"}, "kind", "Scegli il tipo di organizzazione."),
    ],
)
def test_required_fields_by_kind(overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=UserFactory.create(), data=ets_data(**overrides))

    assert caught.value.message_dict[field] == [message]
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_fields_of_other_kinds_are_cleared():
    organisation = services.organisation_create(
        actor=UserFactory.create(),
        data=ets_data(kind=Kind.COMPANY, pa_kind="comune", runts_section="aps", runts_number="1"),
    )

    assert (organisation.pa_kind, organisation.runts_section, organisation.runts_number) == (
        "",
        "",
        "",
    )


def test_duplicate_tax_code_names_the_organisation_only_if_public():
    existing = OrganisationFactory.create(
        name="Associazione Visibile", tax_code=valid_tax_code(901)
    )
    hidden = OrganisationFactory.create(tax_code=valid_tax_code(902), is_public=False)

    with pytest.raises(ValidationError) as public_duplicate:
        services.organisation_create(
            actor=UserFactory.create(), data=ets_data(tax_code=existing.tax_code)
        )
    with pytest.raises(ValidationError) as hidden_duplicate:
        services.organisation_create(
            actor=UserFactory.create(), data=ets_data(tax_code=hidden.tax_code)
        )

    assert public_duplicate.value.message_dict["tax_code"] == [
        "Questo codice fiscale è già registrato per «Associazione Visibile»."
    ]
    assert hidden_duplicate.value.message_dict["tax_code"] == [
        "Questo codice fiscale è già registrato per un'altra organizzazione."
    ]
    assert Organisation.objects.count() == 2


def test_oversized_logo_is_refused():
    big = png_upload(padding=2 * 1024 * 1024)

    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=UserFactory.create(), data=ets_data(logo=big))

    assert caught.value.message_dict["logo"][0].startswith("Il file è troppo grande")
    assert not Organisation.objects.exists()


def test_update_saves_only_changed_fields_and_logs_them():
    organisation = OrganisationFactory.create(name="Vecchio nome", tax_code=valid_tax_code(903))
    admin = admin_of(organisation).user
    theme = Theme.objects.get(slug="cultura")

    services.organisation_update(
        organisation=organisation,
        actor=admin,
        data=ets_data(name="Nuovo nome", tax_code=valid_tax_code(903), themes=[theme]),
    )

    organisation.refresh_from_db()
    assert organisation.name == "Nuovo nome"
    assert organisation.slug.startswith("associazione-esempio")  # URLs stay stable
    entry = ModelLogEntry.objects.for_instance(organisation).get()
    assert entry.action == "civichub.organisations.update"
    assert set(entry.data["fields"]) >= {"name", "themes"}


def test_update_replaces_and_removes_the_logo(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create(tax_code=valid_tax_code(904))
    admin = admin_of(organisation).user
    data = ets_data(name=organisation.name, tax_code=organisation.tax_code)

    services.organisation_update(
        organisation=organisation,
        actor=admin,
        data=ets_data(**{**data.__dict__, "logo": png_upload()}),
    )
    first = organisation.logo.name or ""
    assert first.startswith("organisations/logos/")
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(
            organisation=organisation,
            actor=admin,
            data=ets_data(**{**data.__dict__, "remove_logo": True}),
        )

    organisation.refresh_from_db()
    assert not organisation.logo
    assert not organisation.logo.storage.exists(first)


def test_only_admins_and_promoters_may_update():
    organisation = OrganisationFactory.create()
    data = ets_data(name=organisation.name, tax_code=organisation.tax_code)

    for user in (UserFactory.create(), member(organisation).user):
        with pytest.raises(PermissionDenied):
            services.organisation_update(organisation=organisation, actor=user, data=data)


def test_join_approve_and_promote_to_admin(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    applicant = UserFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_request(organisation=organisation, user=applicant)
    assert membership.status == Membership.Status.PENDING
    assert [m.to for m in mail.outbox] == [[admin.email]]

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_approve(membership=membership, actor=admin)
        services.membership_set_role(membership=membership, actor=admin, role=Membership.Role.ADMIN)

    membership.refresh_from_db()
    assert (membership.status, membership.role, membership.decided_by) == (
        Membership.Status.ACTIVE,
        Membership.Role.ADMIN,
        admin,
    )
    assert [m.to for m in mail.outbox[1:]] == [[applicant.email], [applicant.email]]
    assert actions(organisation) == [
        "civichub.organisations.membership_request",
        "civichub.organisations.membership_approve",
        "civichub.organisations.membership_set_role",
    ]


def test_join_request_without_admins_goes_to_promoters(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    promoter = PromoterFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request(organisation=organisation, user=UserFactory.create())

    assert [m.to for m in mail.outbox] == [[promoter.email]]


def test_refusal_sends_the_reason_and_allows_a_new_request(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    applicant = UserFactory.create()
    membership = services.membership_request(organisation=organisation, user=applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_refuse(membership=membership, actor=admin, reason="Non lavori con noi.")

    assert "Non lavori con noi." in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.membership_approve(membership=membership, actor=admin)
    again = services.membership_request(organisation=organisation, user=applicant)
    assert again.pk == membership.pk
    assert again.status == Membership.Status.PENDING


def test_cannot_request_twice_or_decide_without_rights():
    organisation = OrganisationFactory.create()
    applicant = UserFactory.create()
    membership = services.membership_request(organisation=organisation, user=applicant)

    with pytest.raises(PermissionDenied):
        services.membership_request(organisation=organisation, user=applicant)
    with pytest.raises(PermissionDenied):
        services.membership_approve(membership=membership, actor=applicant)
    with pytest.raises(PermissionDenied):
        services.membership_approve(membership=membership, actor=member(organisation).user)


def test_the_last_admin_cannot_leave_or_be_demoted():
    organisation = OrganisationFactory.create()
    admin_membership = admin_of(organisation)
    admin = admin_membership.user

    with pytest.raises(ValidationError) as caught:
        services.membership_remove(membership=admin_membership, actor=admin)
    with pytest.raises(ValidationError):
        services.membership_set_role(
            membership=admin_membership, actor=admin, role=Membership.Role.MEMBER
        )

    assert "almeno un amministratore" in caught.value.messages[0]
    second = admin_of(organisation)
    services.membership_remove(membership=admin_membership, actor=admin)
    assert list(Membership.objects.values_list("pk", flat=True)) == [second.pk]


def test_members_can_leave_and_admins_can_remove(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    leaving = member(organisation)
    removed = member(organisation)

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_remove(membership=leaving, actor=leaving.user)
        services.membership_remove(membership=removed, actor=admin)

    assert not Membership.objects.filter(pk__in=[leaving.pk, removed.pk]).exists()
    assert [m.to for m in mail.outbox] == [[removed.user.email]]  # leaving needs no e-mail
    other = member(organisation)
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=other, actor=member(organisation).user)


def test_contributor_application_approved_makes_the_organisation_contributor(
    django_capture_on_commit_callbacks,
):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    promoter = PromoterFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.contributor_application_submit(
            organisation=organisation, actor=admin, motivation="  Facilitiamo da dieci anni. "
        )
    assert submitted.motivation == "Facilitiamo da dieci anni."
    assert [m.to for m in mail.outbox] == [[promoter.email]]

    with django_capture_on_commit_callbacks(execute=True):
        decided = services.contributor_application_approve(
            application=submitted, actor=promoter, reason="Benvenuti!"
        )

    organisation.refresh_from_db()
    assert organisation.is_contributor
    assert (decided.status, decided.decided_by, decided.reason) == (
        ContributorApplication.Status.APPROVED,
        promoter,
        "Benvenuti!",
    )
    assert [m.to for m in mail.outbox[1:]] == [[admin.email]]
    assert "organizzazione contributrice" in mail.outbox[1].subject
    assert actions(organisation)[-2:] == [
        "civichub.organisations.contributor_application_submit",
        "civichub.organisations.contributor_application_approve",
    ]


def test_refusing_an_application_needs_a_reason(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    pending = application(organisation, submitted_by=admin)
    promoter = PromoterFactory.create()

    with pytest.raises(ValidationError) as caught:
        services.contributor_application_refuse(application=pending, actor=promoter, reason=" ")
    assert caught.value.message_dict["reason"] == ["Spiega all'organizzazione perché la rifiuti."]

    with django_capture_on_commit_callbacks(execute=True):
        services.contributor_application_refuse(
            application=pending, actor=promoter, reason="Servono esperienze documentate."
        )

    pending.refresh_from_db()
    organisation.refresh_from_db()
    assert pending.status == ContributorApplication.Status.REFUSED
    assert not organisation.is_contributor
    assert "Servono esperienze documentate." in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.contributor_application_approve(application=pending, actor=promoter)


def test_applications_need_an_admin_a_motivation_and_no_pending_one():
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user

    with pytest.raises(PermissionDenied):
        services.contributor_application_submit(
            organisation=organisation, actor=member(organisation).user, motivation="Perché sì."
        )
    with pytest.raises(ValidationError):
        services.contributor_application_submit(
            organisation=organisation, actor=admin, motivation="   "
        )
    services.contributor_application_submit(
        organisation=organisation, actor=admin, motivation="Perché sì."
    )
    with pytest.raises(PermissionDenied):
        services.contributor_application_submit(
            organisation=organisation, actor=admin, motivation="Di nuovo."
        )
    with pytest.raises(PermissionDenied):
        services.contributor_application_approve(
            application=ContributorApplication.objects.get(), actor=admin
        )


def test_verify_and_unverify_by_promoters_only(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    promoter = PromoterFactory.create()

    with pytest.raises(PermissionDenied):
        services.organisation_verify(organisation=organisation, actor=admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_verify(organisation=organisation, actor=promoter)
        services.organisation_verify(organisation=organisation, actor=promoter)  # no-op
        services.organisation_unverify(organisation=organisation, actor=promoter)

    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert actions(organisation) == [
        "civichub.organisations.verify",
        "civichub.organisations.unverify",
    ]
    assert [m.to for m in mail.outbox] == [[admin.email], [admin.email]]
