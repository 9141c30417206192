"""Contribution at HTTP level: the multi-step form, drafts, submission and the whole
workflow with its e-mails and revisions; bad input; co-authors, replication, deletion and
«Le mie esperienze»."""

import io
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from civichub.accounts.models import User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory
from civichub.notifications.tests.factories import follow_row
from civichub.organisations.tests.factories import OrganisationFactory, member, municipality
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup

from ..models import (
    Experience,
    ExperienceCoauthor,
    ExperienceImage,
    ExperienceLink,
    ExperienceSettings,
    OrganisationRole,
    ReviewAction,
    State,
    Status,
)
from ..models import (
    Testimonial as ExperienceTestimonial,
)
from .factories import DraftFactory, ExperienceFactory, theme, with_organisation

pytestmark = pytest.mark.django_db


def saved(experience: Experience) -> Experience:
    """Commit the in-memory parental relations (themes, comuni) the factory set."""
    experience.save()
    return experience


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def step_url(experience: Experience, step: str) -> str:
    return reverse("experiences:edit_step", kwargs={"slug": experience.slug, "step": step})


def url(name: str, experience: Experience) -> str:
    return reverse(f"experiences:{name}", kwargs={"slug": experience.slug})


def fresh(experience: Experience) -> Experience:
    return Experience.objects.get(pk=experience.pk)


def png(name: str = "foto.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0066cc").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "application/pdf"
    )


def formset(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


ESSENTIALS = {
    "title": "Il bilancio partecipativo di Borgo Panigale",
    "summary": "I residenti decidono come spendere 200.000 euro per il quartiere.",
    "scale": "neighbourhood",
    "status": Status.CONCLUDED,
    "start_date": "2024-02-01",
    "end_date": "2024-10-31",
    "azione": "continua",
}


def organisations_step(organisation=None, role=OrganisationRole.PROMOTER, **extra) -> dict:
    data = {
        **formset("org", []),
        **formset("testimonianze", []),
        "azione": "continua",
        **extra,
    }
    if organisation is not None:
        data.update({"nuova-organisation": str(organisation.pk), "nuova-role": role})
    return data


def media_step(**extra: Any) -> dict[str, Any]:
    return {
        **formset("immagini", []),
        **formset("documenti", []),
        **formset("collegamenti", []),
        "azione": "continua",
        **extra,
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (e-mails) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def bologna():
    return municipality()


@pytest.fixture
def author() -> User:
    return ContributorFactory.create()


@pytest.fixture
def promoter() -> User:
    return PromoterFactory.create()


def fill_required(client: Client, experience: Experience, organisation) -> None:
    """Post the steps that the submission requires, as the author would."""
    territory = client.post(
        step_url(experience, "territorio"),
        {"add_municipality": "", "add_municipality_text": "Bologna", "azione": "continua"},
    )
    assert territory.status_code == 302, territory.content.decode()[:2000]
    method = client.post(
        step_url(experience, "metodo"), {"themes": [theme().pk], "azione": "continua"}
    )
    assert method.status_code == 302
    story = client.post(
        step_url(experience, "racconto"),
        {
            "narrative": "Sei assemblee.\n\nPoi il voto: 3.000 partecipanti.",
            "lessons": "Coinvolgere le scuole dall'inizio.",
            "azione": "continua",
        },
    )
    assert story.status_code == 302
    people = client.post(step_url(experience, "organizzazioni"), organisations_step(organisation))
    assert people.status_code == 302, people.content.decode()[:3000]


# --- the whole workflow -------------------------------------------------------------------


def test_the_whole_workflow_from_draft_to_publication(author, promoter, bologna, committed):
    organisation = OrganisationFactory.create(name="Comune di Bologna")
    client = client_for(author)

    created = client.post(reverse("experiences:create"), ESSENTIALS)
    experience = Experience.objects.get()
    assert created.status_code == 302
    assert created["Location"] == step_url(experience, "territorio")
    assert experience.state == State.DRAFT
    assert experience.author == author
    assert experience.slug == "il-bilancio-partecipativo-di-borgo-panigale"
    assert experience.revisions.count() == 1

    fill_required(client, experience, organisation)
    experience = fresh(experience)
    assert [m.pk for m in experience.municipalities.all()] == [bologna.pk]
    assert list(experience.regions.values_list("istat_code", flat=True)) == ["08"]
    assert (
        experience.narrative == "<p>Sei assemblee.</p>\n\n<p>Poi il voto: 3.000 partecipanti.</p>"
    )
    assert experience.organisations.get().role == OrganisationRole.PROMOTER
    revisions_before_submit = experience.revisions.count()
    assert revisions_before_submit == 5

    review_step = client.get(step_url(experience, "invio"))
    assert "Invia in revisione" in review_step.content.decode()
    mail.outbox.clear()
    with committed():
        submitted = client.post(url("submit", experience))
    assert submitted.status_code == 302
    experience = fresh(experience)
    assert experience.state == State.SUBMITTED
    assert experience.submitted_at is not None
    assert [m.to for m in mail.outbox] == [[promoter.email]]
    assert "Esperienza da esaminare" in mail.outbox[0].subject

    reviewer = client_for(promoter)
    queue = reviewer.get(reverse("experiences:review_queue"))
    assert experience.title in queue.content.decode()
    mail.outbox.clear()
    with committed():
        asked = reviewer.post(
            url("review", experience),
            {"azione": "decidi", "decision": "changes", "comment": "Aggiungete i risultati."},
        )
    assert asked.status_code == 302
    experience = fresh(experience)
    assert experience.state == State.CHANGES_REQUESTED
    assert experience.review_comment == "Aggiungete i risultati."
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "Aggiungete i risultati." in mail.outbox[0].body

    mine = client.get(reverse("experiences:mine"))
    assert "Aggiungete i risultati." in mine.content.decode()
    edited = client.post(
        step_url(experience, "racconto"),
        {
            "narrative": "Sei assemblee.\n\nPoi il voto: 3.000 partecipanti.",
            "outcomes": "Dodici progetti finanziati.",
            "azione": "salva",
        },
    )
    assert edited.status_code == 302
    assert edited["Location"] == step_url(experience, "racconto")
    assert client.post(url("submit", experience)).status_code == 302

    mail.outbox.clear()
    with committed():
        approved = reviewer.post(
            url("review", experience), {"azione": "decidi", "decision": "approve", "comment": ""}
        )
    assert approved.status_code == 302
    experience = fresh(experience)
    assert experience.state == State.PUBLISHED
    assert experience.published_at is not None
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "è pubblicata" in mail.outbox[0].subject
    assert experience.revisions.count() > revisions_before_submit + 3
    assert list(experience.reviews.values_list("action", flat=True)) == [
        ReviewAction.SUBMITTED,
        ReviewAction.CHANGES_REQUESTED,
        ReviewAction.SUBMITTED,
        ReviewAction.APPROVED,
    ]
    logged = set(
        ModelLogEntry.objects.filter(object_id=str(experience.pk)).values_list("action", flat=True)
    )
    assert {
        "civichub.experiences.create",
        "civichub.experiences.update",
        "civichub.experiences.submit",
        "civichub.experiences.request_changes",
        "civichub.experiences.approve",
    } <= logged


def test_reject_path(author, promoter, bologna, committed):
    experience = saved(DraftFactory.create(author=author, themes=[theme()]))
    with_organisation(experience)
    client_for(author).post(url("submit", experience))
    mail.outbox.clear()

    refused_without_reason = client_for(promoter).post(
        url("review", experience), {"azione": "decidi", "decision": "reject", "comment": " "}
    )
    assert refused_without_reason.status_code == 200
    assert "perché" in refused_without_reason.content.decode()
    assert fresh(experience).state == State.SUBMITTED

    with committed():
        client_for(promoter).post(
            url("review", experience),
            {
                "azione": "decidi",
                "decision": "reject",
                "comment": "Non è un percorso partecipativo.",
            },
        )
    experience = fresh(experience)
    assert experience.state == State.REJECTED
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "Non è un percorso partecipativo." in mail.outbox[0].body
    # Rejected: the author still sees it, with the reason; nobody else does.
    assert client_for(author).get(url("detail", experience)).status_code != 404
    assert client_for(UserFactory.create()).get(url("edit", experience)).status_code == 404
    mine = client_for(author).get(reverse("experiences:mine")).content.decode()
    assert "Non è un percorso partecipativo." in mine


def test_withdraw_path(author, bologna):
    experience = saved(DraftFactory.create(author=author, themes=[theme()]))
    with_organisation(experience)
    client = client_for(author)
    client.post(url("submit", experience))
    assert fresh(experience).state == State.SUBMITTED

    # While in review the steps send the author to the last one, where they can withdraw.
    redirected = client.get(step_url(experience, "racconto"))
    assert redirected["Location"] == step_url(experience, "invio")
    assert "Ritira dalla revisione" in client.get(step_url(experience, "invio")).content.decode()

    assert client.post(url("withdraw", experience)).status_code == 302
    assert fresh(experience).state == State.DRAFT
    assert fresh(experience).reviews.last().action == ReviewAction.WITHDRAWN
    # Withdrawing twice is harmless: a message, no change.
    again = client.post(url("withdraw", experience), follow=True)
    assert "Non è più possibile" in again.content.decode()
    assert fresh(experience).reviews.count() == 2


def test_double_submit_is_harmless(author, promoter, bologna, committed):
    experience = saved(DraftFactory.create(author=author, themes=[theme()]))
    with_organisation(experience)
    client = client_for(author)
    client.post(url("submit", experience))
    mail.outbox.clear()
    with committed():
        second = client.post(url("submit", experience), follow=True)

    assert second.status_code == 200
    assert "Non è più possibile" in second.content.decode()
    assert fresh(experience).reviews.count() == 1
    assert mail.outbox == []


def test_submit_lists_what_is_missing_with_links(author):
    experience = DraftFactory.create(author=author, narrative="")
    client = client_for(author)

    response = client.post(url("submit", experience), follow=True)
    content = response.content.decode()

    assert fresh(experience).state == State.DRAFT
    assert "Per inviarla manca ancora" in content
    assert "almeno un tema" in content
    assert step_url(experience, "metodo") in content
    assert step_url(experience, "organizzazioni") in content
    assert "Invia in revisione" not in content


def test_approving_a_replication_counts_it_once_and_tells_followers(
    author, promoter, bologna, committed
):
    original = saved(ExperienceFactory.create(themes=[theme()]))
    follower = UserFactory.create()
    follow_row(follower, original)
    client = client_for(author)
    response = client.post(
        url("replicate", original), {"municipality": "", "municipality_text": "Bologna"}
    )
    replica = Experience.objects.get(replicated_from=original)
    assert response["Location"] == step_url(replica, "essenziale")
    with_organisation(replica)
    replica.status = Status.PLANNED
    replica.save()
    assert client.post(url("submit", replica)).status_code == 302
    mail.outbox.clear()

    with committed():
        client_for(promoter).post(
            url("review", replica), {"azione": "decidi", "decision": "approve", "comment": ""}
        )

    assert fresh(original).replication_count == 1
    assert {tuple(m.to) for m in mail.outbox} == {(author.email,), (follower.email,)}
    # Unpublished, it no longer counts; published again, it counts again.
    client_for(promoter).post(
        url("review", replica), {"azione": "ritira", "comment": "Dati da verificare."}
    )
    assert fresh(replica).state == State.DRAFT
    assert fresh(original).replication_count == 0


# --- the steps ----------------------------------------------------------------------------


def test_create_shows_step_one_with_the_counter_and_the_step_nav(author):
    response = client_for(author).get(reverse("experiences:create"))
    content = response.content.decode()

    assert response.status_code == 200
    assert 'aria-current="step"' in content
    assert 'data-char-counter="280"' in content
    assert "experiences/form.js" in content
    assert "Salva e continua" in content
    assert "Salva bozza" in content
    assert "<script>" not in content
    assert "style=" not in content


def test_every_step_renders_for_the_author(author, bologna):
    experience = saved(DraftFactory.create(author=author, themes=[theme()]))
    with_organisation(experience)
    client = client_for(author)
    for step in (
        "essenziale",
        "territorio",
        "metodo",
        "racconto",
        "organizzazioni",
        "media",
        "contatti",
        "invio",
    ):
        response = client.get(step_url(experience, step))
        assert response.status_code == 200, step
        assert 'aria-current="step"' in response.content.decode()


def test_edit_without_step_goes_to_the_first(author):
    experience = DraftFactory.create(author=author)
    response = client_for(author).get(url("edit", experience))
    assert response["Location"] == step_url(experience, "essenziale")


def test_an_unknown_step_is_a_404(author):
    experience = DraftFactory.create(author=author)
    assert client_for(author).get(step_url(experience, "sconosciuto")).status_code == 404


def test_a_summary_longer_than_280_characters_is_refused(author):
    response = client_for(author).post(
        reverse("experiences:create"), {**ESSENTIALS, "summary": "a" * 281}
    )

    assert response.status_code == 200
    assert "Al massimo 280 caratteri" in response.content.decode()
    assert not Experience.objects.exists()


def test_line_breaks_in_the_summary_count_as_spaces(author):
    summary = ("parola " * 39).strip() + "\r\nfine"  # 278 characters once joined
    client_for(author).post(reverse("experiences:create"), {**ESSENTIALS, "summary": summary})
    assert Experience.objects.get().summary == summary.replace("\r\n", " ")


def test_end_before_start_is_refused(author):
    response = client_for(author).post(
        reverse("experiences:create"), {**ESSENTIALS, "end_date": "2023-01-01"}
    )
    assert "La data di fine non può precedere" in response.content.decode()
    assert not Experience.objects.exists()


def test_slugs_are_unique_and_never_reserved(author):
    for _ in range(2):
        client_for(author).post(reverse("experiences:create"), {**ESSENTIALS, "title": "Mappa"})
    assert sorted(Experience.objects.values_list("slug", flat=True)) == ["mappa-2", "mappa-3"]


def test_html_in_the_narrative_is_sanitised(author):
    experience = DraftFactory.create(author=author)
    client_for(author).post(
        step_url(experience, "racconto"),
        {
            "narrative": (
                '<p onclick="x()">Ciao <script>alert(1)</script><strong>tutti</strong></p>'
            ),
            "azione": "salva",
        },
    )
    assert fresh(experience).narrative == "<p>Ciao <strong>tutti</strong></p>"


def test_plain_text_comes_back_as_plain_text(author):
    experience = DraftFactory.create(author=author, narrative="")
    client = client_for(author)
    client.post(
        step_url(experience, "racconto"),
        {"narrative": "Primo paragrafo.\nA capo.\n\nSecondo: 5 < 6.", "azione": "salva"},
    )
    assert fresh(experience).narrative == (
        "<p>Primo paragrafo.<br>A capo.</p>\n\n<p>Secondo: 5 &lt; 6.</p>"
    )
    form = client.get(step_url(experience, "racconto")).content.decode()
    assert "Primo paragrafo.\nA capo.\n\nSecondo: 5 &lt; 6.</textarea>" in form


def test_territory_comuni_are_added_and_removed_without_javascript(author, bologna):
    imola = municipality("037032", "Imola")
    experience = DraftFactory.create(author=author, scale="inter_municipal")
    client = client_for(author)

    for name in ("Bologna", "Imola"):
        current = [str(m.pk) for m in fresh(experience).municipalities.all()]
        response = client.post(
            step_url(experience, "territorio"),
            {
                "municipalities": current,
                "add_municipality": "",
                "add_municipality_text": name,
                "azione": "salva",
            },
        )
        assert response.status_code == 302
    assert {m.pk for m in fresh(experience).municipalities.all()} == {bologna.pk, imola.pk}

    client.post(
        step_url(experience, "territorio"),
        {"municipalities": [str(imola.pk)], "add_municipality_text": "", "azione": "salva"},
    )
    assert [m.pk for m in fresh(experience).municipalities.all()] == [imola.pk]


def test_an_unknown_comune_is_explained(author):
    experience = DraftFactory.create(author=author)
    response = client_for(author).post(
        step_url(experience, "territorio"),
        {"add_municipality": "", "add_municipality_text": "Atlantide", "azione": "salva"},
    )
    assert response.status_code == 200
    assert "Atlantide" in response.content.decode()


def test_method_step_saves_the_vocabularies(author):
    experience = DraftFactory.create(author=author)
    method = ParticipatoryMethod.objects.order_by("pk")[0]
    level = IAP2Level.objects.order_by("pk")[0]
    group = TargetGroup.objects.order_by("pk")[0]
    client_for(author).post(
        step_url(experience, "metodo"),
        {
            "themes": [theme().pk],
            "methods": [method.pk],
            "iap2_level": level.pk,
            "target_groups": [group.pk],
            "participants_count": "350",
            "recruitment": "random",
            "budget_band": "5k-20k",
            "azione": "salva",
        },
    )
    experience = fresh(experience)
    assert [m.pk for m in experience.methods.all()] == [method.pk]
    assert experience.iap2_level == level
    assert experience.participants_count == 350
    assert experience.recruitment == "random"


def test_organisations_and_testimonials(author):
    own = OrganisationFactory.create(name="APS Il Ponte")
    member(own, author)
    hidden = OrganisationFactory.create(name="Gruppo riservato", is_public=False)
    experience = DraftFactory.create(author=author)
    client = client_for(author)

    page = client.get(step_url(experience, "organizzazioni")).content.decode()
    assert "APS Il Ponte" in page  # one's own organisations are offered at once
    searched = client.get(step_url(experience, "organizzazioni"), {"organizzazione": "gruppo"})
    assert "Gruppo riservato" not in searched.content.decode()

    refused = client.post(step_url(experience, "organizzazioni"), organisations_step(hidden))
    assert refused.status_code == 200
    assert not experience.organisations.exists()

    response = client.post(
        step_url(experience, "organizzazioni"),
        {
            **formset("org", []),
            "nuova-organisation": str(own.pk),
            "nuova-role": OrganisationRole.PROMOTER,
            **formset(
                "testimonianze",
                [
                    {
                        "quote": "Per la prima volta ci hanno chiesto che cosa serve.",
                        "person_name": "Anna",
                        "role": "residente",
                    }
                ],
            ),
            "azione": "salva",
        },
    )
    assert response.status_code == 302
    assert experience.organisations.get().organisation == own
    assert experience.testimonials.get().person_name == "Anna"

    # Change the role, drop the testimonial.
    client.post(
        step_url(experience, "organizzazioni"),
        {
            **formset("org", [{"organisation": str(own.pk), "role": "partner"}], initial=1),
            **formset(
                "testimonianze",
                [
                    {
                        "quote": "Per la prima volta ci hanno chiesto che cosa serve.",
                        "person_name": "Anna",
                        "role": "residente",
                        "DELETE": "on",
                    }
                ],
                initial=1,
            ),
            "azione": "salva",
        },
    )
    assert experience.organisations.get().role == "partner"
    assert not experience.testimonials.exists()


def test_images_need_alt_text_and_real_image_content(author):
    experience = DraftFactory.create(author=author)
    client = client_for(author)

    no_alt = client.post(
        step_url(experience, "media"),
        media_step(**formset("immagini", [{"image": png(), "alt_text": ""}])),
    )
    assert no_alt.status_code == 200
    assert "testo alternativo" in no_alt.content.decode()
    assert not ExperienceImage.objects.exists()

    fake = SimpleUploadedFile("foto.png", b"solo testo, non un'immagine", "image/png")
    bad = client.post(
        step_url(experience, "media"),
        media_step(
            **formset("immagini", [{"image": fake, "alt_text": "Assemblea"}]),
            **formset(
                "collegamenti", [{"title": "Sito", "url": "https://example.org", "kind": "link"}]
            ),
        ),
    )
    assert bad.status_code == 200
    assert "Il contenuto del file non è di un tipo ammesso" in bad.content.decode()
    # Nothing of the step is saved when one part is wrong.
    assert not ExperienceImage.objects.exists()
    assert not experience.links.exists()

    good = client.post(
        step_url(experience, "media"),
        media_step(
            **formset("immagini", [{"image": png(), "alt_text": "L'assemblea in piazza"}]),
            **formset("documenti", [{"file": pdf(), "title": "Delibera"}]),
            **formset(
                "collegamenti",
                [{"title": "Video", "url": "https://example.org/v", "kind": "video"}],
            ),
        ),
    )
    assert good.status_code == 302, good.content.decode()[:3000]
    image = ExperienceImage.objects.get()
    assert image.alt_text == "L'assemblea in piazza"
    assert str(image.image.name).startswith("experiences/images/")
    assert not str(image.image.name).endswith("foto.png")  # a random name
    assert experience.documents.get().title == "Delibera"
    assert experience.links.get().kind == "video"
    assert (
        "L&#x27;assemblea in piazza" in client.get(step_url(experience, "media")).content.decode()
    )


def test_an_image_larger_than_5_mb_is_refused(author):
    experience = DraftFactory.create(author=author)
    big = png()
    big = SimpleUploadedFile("grande.png", big.read() + b"\0" * (6 * 1024 * 1024), "image/png")
    response = client_for(author).post(
        step_url(experience, "media"),
        media_step(**formset("immagini", [{"image": big, "alt_text": "Grande"}])),
    )
    assert response.status_code == 200
    assert "troppo grande" in response.content.decode()


def test_a_pdf_report_is_checked_by_content(author):
    experience = DraftFactory.create(author=author)
    client = client_for(author)
    fake = SimpleUploadedFile("report.pdf", b"not a pdf", "application/pdf")

    bad = client.post(
        step_url(experience, "racconto"),
        {"narrative": "x", "evaluation_report": fake, "azione": "salva"},
    )
    assert bad.status_code == 200
    assert not fresh(experience).evaluation_report

    client.post(
        step_url(experience, "racconto"),
        {"narrative": "x", "evaluation_report": pdf(), "azione": "salva"},
    )
    experience = fresh(experience)
    assert str(experience.evaluation_report.name).endswith(".pdf")
    assert experience.has_evaluation


def test_contacts_step(author):
    experience = DraftFactory.create(author=author)
    response = client_for(author).post(
        step_url(experience, "contatti"),
        {
            "contact_name": "Ufficio partecipazione",
            "contact_email": "partecipa@example.org",
            "website": "example.org/bilancio",
            "licence": "CC0-1.0",
            "azione": "continua",
        },
    )
    assert response["Location"] == step_url(experience, "invio")
    experience = fresh(experience)
    assert experience.website == "https://example.org/bilancio"
    assert experience.licence == "CC0-1.0"


def test_participants_may_create_when_the_hub_allows_it():
    participant = UserFactory.create()
    client = client_for(participant)
    assert client.get(reverse("experiences:create")).status_code == 403

    settings = ExperienceSettings.load()
    settings.participants_may_contribute = True
    settings.save()

    assert client.get(reverse("experiences:create")).status_code == 200
    assert client.post(reverse("experiences:create"), ESSENTIALS).status_code == 302


# --- co-authors -------------------------------------------------------------------------------


def test_coauthors_are_invited_among_members_accept_and_edit(author, committed):
    experience = DraftFactory.create(author=author)
    link = with_organisation(experience)
    colleague = member(link.organisation, ContributorFactory.create()).user
    stranger = ContributorFactory.create()
    client = client_for(author)

    page = client.get(url("coauthors", experience)).content.decode()
    assert colleague.display_name in page
    assert stranger.display_name not in page

    refused = client.post(url("coauthors", experience), {"azione": "invita", "user": stranger.pk})
    assert refused.status_code == 200
    assert not ExperienceCoauthor.objects.exists()

    mail.outbox.clear()
    with committed():
        client.post(url("coauthors", experience), {"azione": "invita", "user": colleague.pk})
    invitation = ExperienceCoauthor.objects.get()
    assert invitation.accepted_at is None
    assert [m.to for m in mail.outbox] == [[colleague.email]]

    invited = client_for(colleague)
    assert invited.get(step_url(experience, "essenziale")).status_code == 404
    mine = invited.get(reverse("experiences:mine")).content.decode()
    assert "Inviti a collaborare" in mine
    assert experience.title in mine
    accepted = invited.post(url("coauthor_accept", experience), {"azione": "accetta"})
    assert accepted["Location"] == step_url(experience, "essenziale")
    assert ExperienceCoauthor.objects.get().accepted_at is not None
    assert invited.get(step_url(experience, "essenziale")).status_code == 200

    # The author removes the co-author, who loses access.
    client.post(url("coauthors", experience), {"azione": "rimuovi", "coautore": invitation.pk})
    assert not ExperienceCoauthor.objects.exists()
    assert invited.get(step_url(experience, "essenziale")).status_code == 404


def test_an_invitation_can_be_declined(author):
    experience = DraftFactory.create(author=author)
    invited = ContributorFactory.create()
    ExperienceCoauthor.objects.create(experience=experience, user=invited, invited_by=author)

    client_for(invited).post(url("coauthor_accept", experience), {"azione": "rifiuta"})

    assert not ExperienceCoauthor.objects.exists()


def test_accepting_without_an_invitation_is_a_404(author):
    experience = DraftFactory.create(author=author)
    other = ContributorFactory.create()
    assert client_for(other).post(url("coauthor_accept", experience)).status_code == 404


def test_an_accepted_coauthor_can_submit(author, bologna):
    experience = saved(DraftFactory.create(author=author, themes=[theme()]))
    with_organisation(experience)
    coauthor = ContributorFactory.create()
    ExperienceCoauthor.objects.create(
        experience=experience, user=coauthor, accepted_at=timezone.now()
    )
    assert client_for(coauthor).post(url("submit", experience)).status_code == 302
    assert fresh(experience).state == State.SUBMITTED


# --- replicate and delete ----------------------------------------------------------------------


def test_replicate_copies_the_structure_not_the_results(author, bologna):
    method = ParticipatoryMethod.objects.order_by("pk")[0]
    original = saved(
        ExperienceFactory.create(
            title="Assemblea cittadina sul clima",
            themes=[theme()],
            lessons="<p>Sorteggiare con cura.</p>",
            replicability="Serve un facilitatore esperto.",
            outcomes="<p>Dieci raccomandazioni</p>",
        )
    )
    original.methods.set([method])
    original.save()
    ExperienceTestimonial.objects.create(experience=original, quote="Bello", person_name="Anna")
    with_organisation(original)
    replicant = ContributorFactory.create()
    client = client_for(replicant)

    form = client.get(url("replicate", original))
    assert form.status_code == 200
    assert 'name="municipality_text"' in form.content.decode()
    client.post(url("replicate", original), {"municipality": "", "municipality_text": "Bologna"})

    replica = Experience.objects.get(replicated_from=original)
    assert replica.title == "Assemblea cittadina sul clima (replica a Bologna)"
    assert replica.author == replicant
    assert replica.state == State.DRAFT
    assert replica.status == Status.PLANNED
    assert [m.pk for m in replica.municipalities.all()] == [bologna.pk]
    assert [t.slug for t in replica.themes.all()] == ["ambiente"]
    assert [m.pk for m in replica.methods.all()] == [method.pk]
    assert "Sorteggiare con cura." in replica.lessons
    assert "Serve un facilitatore esperto." in replica.replicability
    assert replica.outcomes == ""
    assert not replica.testimonials.exists()
    assert not replica.organisations.exists()
    assert not replica.images.exists()
    assert fresh(original).replication_count == 0  # only published replications count


def test_replicate_needs_a_comune(author):
    original = saved(ExperienceFactory.create())
    response = client_for(author).post(
        url("replicate", original), {"municipality": "", "municipality_text": ""}
    )
    assert response.status_code == 200
    assert "Indica il comune" in response.content.decode()


def test_the_author_deletes_a_draft_after_confirming(author):
    experience = DraftFactory.create(author=author)
    client = client_for(author)
    confirm = client.get(url("delete", experience))
    assert confirm.status_code == 200
    assert "Sì, elimina" in confirm.content.decode()

    response = client.post(url("delete", experience))

    assert response["Location"] == reverse("experiences:mine")
    assert not Experience.objects.exists()
    assert ModelLogEntry.objects.filter(action="civichub.experiences.delete").exists()


def test_a_published_experience_cannot_be_deleted(author):
    experience = saved(ExperienceFactory.create(author=author))
    client = client_for(author)
    assert client.get(url("delete", experience)).status_code == 403
    assert client.post(url("delete", experience)).status_code == 403
    assert Experience.objects.exists()


# --- «Le mie esperienze» ------------------------------------------------------------------------


def test_mine_groups_by_state_and_has_an_empty_state(author):
    client = client_for(author)
    empty = client.get(reverse("experiences:mine")).content.decode()
    assert "Non hai ancora raccontato nessuna esperienza." in empty
    assert reverse("experiences:create") in empty

    DraftFactory.create(author=author, title="Una bozza")
    ExperienceFactory.create(author=author, title="Una pubblicata")
    DraftFactory.create(
        author=author,
        title="Da rivedere",
        state=State.CHANGES_REQUESTED,
        review_comment="Manca il racconto",
    )
    DraftFactory.create(title="Di un altro")
    content = client.get(reverse("experiences:mine")).content.decode()

    for text in ("Una bozza", "Una pubblicata", "Da rivedere", "Manca il racconto"):
        assert text in content
    assert "Di un altro" not in content
    assert (
        content.index("Da rivedere") < content.index("Una bozza") < content.index("Una pubblicata")
    )


def test_mine_needs_sign_in():
    response = Client().get(reverse("experiences:mine"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def grow(author: User, n: int) -> None:
    for index in range(n):
        experience = DraftFactory.create(
            author=author, state=State.DRAFT if index % 2 else State.PUBLISHED
        )
        with_organisation(experience)
        ExperienceTestimonial.objects.create(
            experience=experience, quote="Bello", person_name="Anna"
        )
        invitation_owner = DraftFactory.create()
        ExperienceCoauthor.objects.create(
            experience=invitation_owner, user=author, invited_by=invitation_owner.author
        )


def test_mine_queries_are_constant(author):
    client = client_for(author)
    grow(author, 2)
    for _ in range(2):  # warm the shared caches (hub settings, navigation)
        client.get(reverse("experiences:mine"))
    few = count_queries(client, reverse("experiences:mine"))
    grow(author, 8)
    many = count_queries(client, reverse("experiences:mine"))
    assert few == many


def test_every_step_queries_do_not_grow_with_the_rows(author):
    experience = saved(DraftFactory.create(author=author, themes=[theme()]))
    client = client_for(author)

    def add_rows(n: int) -> None:
        for _ in range(n):
            with_organisation(experience)
            ExperienceTestimonial.objects.create(
                experience=experience, quote="Bello", person_name="Anna"
            )
            ExperienceLink.objects.create(
                experience=experience, title="Link", url="https://example.org"
            )

    add_rows(2)
    steps = ("organizzazioni", "media", "invio")
    for step in steps * 2:  # warm the shared caches
        client.get(step_url(experience, step))
    few = {step: count_queries(client, step_url(experience, step)) for step in steps}
    add_rows(8)
    many = {step: count_queries(client, step_url(experience, step)) for step in steps}
    assert few == many


def test_a_stored_image_can_be_described_again_or_removed(author, committed):
    experience = DraftFactory.create(author=author)
    client = client_for(author)
    client.post(
        step_url(experience, "media"),
        media_step(**formset("immagini", [{"image": png(), "alt_text": "Assemblea"}])),
    )
    image = ExperienceImage.objects.get()
    storage, name = image.image.storage, str(image.image.name)

    client.post(
        step_url(experience, "media"),
        media_step(
            **formset(
                "immagini",
                [{"id": image.pk, "alt_text": "Assemblea in piazza", "caption": "Maggio"}],
                initial=1,
            )
        ),
    )
    image.refresh_from_db()
    assert (image.alt_text, image.caption, str(image.image.name)) == (
        "Assemblea in piazza",
        "Maggio",
        name,
    )

    with committed():
        client.post(
            step_url(experience, "media"),
            media_step(
                **formset(
                    "immagini",
                    [{"id": image.pk, "alt_text": "Assemblea in piazza", "DELETE": "on"}],
                    initial=1,
                )
            ),
        )
    assert not ExperienceImage.objects.exists()
    assert not storage.exists(name)
