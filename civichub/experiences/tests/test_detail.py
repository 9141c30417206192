"""The experience page: who sees it in which state, what it shows, its query count."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
    image_upload,
)
from civichub.experiences.models import (
    BudgetBand,
    Experience,
    ExperienceCoauthor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    ExperienceReview,
    Licence,
    OrganisationRole,
    Recruitment,
    ReviewAction,
    State,
    Status,
)
from civichub.experiences.models import Testimonial as ExperienceTestimonial
from civichub.experiences.related import related_experiences
from civichub.experiences.views.detail import experience_point
from civichub.organisations.tests.factories import municipality
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup, Theme

from .factories import DraftFactory, ExperienceFactory, theme, with_organisation

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor",
    "participant",
    "contributor",
    "invited",
    "coauthor",
    "author",
    "promoter",
    "staff",
)
NON_PUBLISHED = (State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED, State.REJECTED)


def saved(experience: Experience) -> Experience:
    """Commit the in-memory parental relations (themes, comuni) the factory set."""
    experience.save()
    return experience


def comparable(response, slug: str) -> str:
    """The page without what always differs: the path echoed in links, CSRF tokens."""
    content = response.content.decode().replace(slug, "?")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)


def detail_url(experience: Experience) -> str:
    return reverse("experiences:detail", kwargs={"slug": experience.slug})


@pytest.fixture
def people() -> dict[str, Any]:
    return {
        "visitor": None,
        "participant": UserFactory.create(),
        "contributor": ContributorFactory.create(),
        "invited": ContributorFactory.create(),
        "coauthor": ContributorFactory.create(),
        "author": ContributorFactory.create(),
        "promoter": PromoterFactory.create(),
        "staff": StaffFactory.create(),
    }


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make(people: dict[str, Any], **kwargs) -> Experience:
    experience = saved(ExperienceFactory.create(author=people["author"], **kwargs))
    ExperienceCoauthor.objects.create(
        experience=experience, user=people["coauthor"], accepted_at=timezone.now()
    )
    ExperienceCoauthor.objects.create(experience=experience, user=people["invited"])
    return experience


# --- who sees what ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_published_experience_is_seen_by_everyone(people, role):
    experience = make(people, title="Assemblea dei giovani di Bologna")

    response = client_for(people[role]).get(detail_url(experience))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Assemblea dei giovani di Bologna" in content
    assert '<meta name="robots"' not in content


@pytest.mark.parametrize("state", NON_PUBLISHED)
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 404),
        ("participant", 404),
        ("contributor", 404),
        ("invited", 404),
        ("coauthor", 200),
        ("author", 200),
        ("promoter", 200),
        ("staff", 200),
    ],
)
def test_other_states_are_seen_only_by_authors_and_promoters(people, state, role, status):
    experience = make(people, state=state, published_at=None)

    response = client_for(people[role]).get(detail_url(experience))

    assert response.status_code == status
    if status == 200:
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_hidden_experience_is_the_same_404_as_a_missing_one(people):
    draft = make(people, state=State.DRAFT, published_at=None)
    client = client_for(people["participant"])

    hidden = client.get(detail_url(draft))
    missing = client.get(reverse("experiences:detail", kwargs={"slug": "non-esiste"}))

    assert hidden.status_code == missing.status_code == 404
    assert comparable(hidden, draft.slug) == comparable(missing, "non-esiste")


def test_post_is_not_allowed_on_the_page(people):
    experience = make(people)

    assert client_for(None).post(detail_url(experience)).status_code == 405


def test_visitors_page_sets_no_cookie_so_that_it_can_be_cached(people):
    experience = make(people)

    response = client_for(None).get(detail_url(experience))

    assert response.status_code == 200
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


# --- banner, completeness and actions -----------------------------------------------------


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (State.DRAFT, "Bozza: è visibile solo a te"),
        (State.SUBMITTED, "In revisione: i promotori la stanno esaminando"),
        (State.CHANGES_REQUESTED, "Aggiungete i dati di partecipazione"),
        (State.REJECTED, "Non è un percorso partecipativo"),
    ],
)
def test_authors_see_the_state_and_what_is_missing(people, state, text):
    comment = {
        State.CHANGES_REQUESTED: "Aggiungete i dati di partecipazione.",
        State.REJECTED: "Non è un percorso partecipativo.",
    }.get(state, "")
    experience = make(people, state=state, published_at=None, review_comment=comment)

    content = client_for(people["author"]).get(detail_url(experience)).content.decode()

    assert text in content
    assert "Completezza della scheda" in content
    assert 'id="completezza"' in content
    # Nothing links the experience to a promoter organisation yet: required, and
    # linked to its step of the form while the experience may be edited.
    assert "Almeno un&#x27;organizzazione con il ruolo di promotore" in content
    step = reverse(
        "experiences:edit_step", kwargs={"slug": experience.slug, "step": "organizzazioni"}
    )
    assert (step in content) is (state in (State.DRAFT, State.CHANGES_REQUESTED))


def test_authors_of_a_draft_can_edit_and_submit(people):
    experience = make(people, state=State.DRAFT, published_at=None)

    content = client_for(people["coauthor"]).get(detail_url(experience)).content.decode()

    assert reverse("experiences:edit", kwargs={"slug": experience.slug}) in content
    assert f'action="{reverse("experiences:submit", kwargs={"slug": experience.slug})}"' in content
    assert reverse("experiences:review", kwargs={"slug": experience.slug}) not in content


def test_promoters_get_the_review_link_on_a_submitted_experience(people):
    experience = make(people, state=State.SUBMITTED, published_at=None)
    ExperienceReview.objects.create(
        experience=experience, action=ReviewAction.SUBMITTED, actor=people["author"]
    )

    content = client_for(people["promoter"]).get(detail_url(experience)).content.decode()

    assert reverse("experiences:review", kwargs={"slug": experience.slug}) in content
    assert "Storia della revisione" in content
    assert "Inviata in revisione" in content
    author_view = client_for(people["author"]).get(detail_url(experience)).content.decode()
    assert reverse("experiences:review", kwargs={"slug": experience.slug}) not in author_view
    assert (
        f'action="{reverse("experiences:withdraw", kwargs={"slug": experience.slug})}"'
        in author_view
    )


@pytest.mark.parametrize(
    ("role", "shown"),
    [("visitor", False), ("participant", False), ("author", True), ("promoter", True)],
)
def test_edit_link_on_a_published_experience_only_for_editors(people, role, shown):
    experience = make(people)

    content = client_for(people[role]).get(detail_url(experience)).content.decode()

    assert (reverse("experiences:edit", kwargs={"slug": experience.slug}) in content) is shown
    assert "Completezza della scheda" not in content


def test_replicate_action_by_role(people, settings):
    experience = make(people)
    replicate = reverse("experiences:replicate", kwargs={"slug": experience.slug})

    visitor = client_for(None).get(detail_url(experience)).content.decode()
    participant = client_for(people["participant"]).get(detail_url(experience)).content.decode()
    contributor = client_for(people["contributor"]).get(detail_url(experience)).content.decode()

    assert replicate not in visitor
    assert "Accedi per replicarla" in visitor
    assert f"next={detail_url(experience)}" in visitor
    assert replicate not in participant
    assert replicate in contributor


def test_replications_and_the_original_are_linked(people):
    original = make(people, title="Bilancio partecipativo di Reggio Emilia", replication_count=2)
    replica = ExperienceFactory.create(
        replicated_from=original, title="Bilancio partecipativo a Forlì"
    )
    DraftFactory.create(replicated_from=original, title="Bozza di replica a Cesena")

    page = client_for(None).get(detail_url(original)).content.decode()
    replica_page = client_for(None).get(detail_url(replica)).content.decode()

    assert "Replicata 2 volte" in page
    assert "Bilancio partecipativo a Forlì" in page
    assert "Bozza di replica a Cesena" not in page
    assert "Replica di" in replica_page
    assert detail_url(original) in replica_page


def test_a_replica_of_an_unpublished_original_does_not_link_it(people):
    original = make(people, state=State.DRAFT, published_at=None)
    replica = ExperienceFactory.create(replicated_from=original)

    content = client_for(None).get(detail_url(replica)).content.decode()

    assert "Replica di" not in content
    assert detail_url(original) not in content


# --- content ------------------------------------------------------------------------------


def full_experience(people) -> Experience:
    experience = make(
        people,
        title="Laboratorio di quartiere alla Bolognina",
        summary="Un anno di incontri per ridisegnare la piazza con chi ci vive.",
        narrative="<p>Partito <strong>dal mercato</strong>.</p><script>alert(1)</script>",
        outcomes="La piazza è stata ridisegnata.\n\nIl comune ha approvato il progetto.",
        evidence="Delibera di giunta n. 123/2024.",
        lessons="<p>Serve tempo per costruire fiducia.</p>",
        replicability="Funziona dove c'è un luogo di incontro.",
        status=Status.ONGOING,
        start_date=datetime.date(2024, 3, 1),
        end_date=None,
        participants_count=1250,
        recruitment=Recruitment.RANDOM,
        budget_band=BudgetBand.UP_TO_20K,
        funding_sources="Bando regionale sulla partecipazione",
        has_evaluation=True,
        contact_name="Maria Rossi",
        contact_email="maria.rossi@example.org",
        website="https://bolognina.example.org",
        licence=Licence.CC_BY_SA,
        iap2_level=IAP2Level.objects.get(slug="coinvolgere"),
    )
    experience.themes.set([theme("Rigenerazione urbana", "rigenerazione-urbana")])
    experience.methods.set(ParticipatoryMethod.objects.filter(slug="world-cafe"))
    experience.target_groups.set(TargetGroup.objects.order_by("sort_order")[:1])
    experience.save()
    with_organisation(
        experience, OrganisationRole.PROMOTER, name="Comune di Bologna", slug="comune-di-bologna"
    )
    with_organisation(
        experience, OrganisationRole.PARTNER, name="Gruppo informale Piazza", is_public=False
    )
    ExperienceTestimonial.objects.create(
        experience=experience,
        quote="Per la prima volta ci hanno chiesto che cosa volevamo.",
        person_name="Giulia Bianchi",
        role="residente",
        organisation_name="Comitato Bolognina",
    )
    ExperienceImage.objects.create(
        experience=experience,
        image=image_upload("piazza.png"),
        alt_text="La piazza durante l'assemblea",
        caption="Assemblea finale",
        credit="Luca Verdi",
    )
    ExperienceDocument.objects.create(
        experience=experience,
        title="Report finale",
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 " + b"x" * 2048),
    )
    ExperienceLink.objects.create(
        experience=experience,
        title="Video dell'assemblea",
        url="https://video.example.org/1",
        kind=ExperienceLink.Kind.VIDEO,
    )
    ExperienceLink.objects.create(
        experience=experience, title="Sito del progetto", url="https://progetto.example.org/"
    )
    return experience


def test_the_page_shows_facts_sections_and_media(people):
    experience = full_experience(people)

    response = client_for(None).get(detail_url(experience))

    content = response.content.decode()
    # Breadcrumbs, title, summary as lead.
    assert f'<a href="{reverse("experiences:list")}">Esperienze</a>' in content
    assert (
        '<p class="lead">Un anno di incontri per ridisegnare la piazza con chi ci vive.</p>'
        in content
    )
    # Facts box, with links to the catalogue filtered by each value.
    assert "?comune=037006" in content
    assert "Bologna (BO)" in content
    assert "?regione=emilia-romagna" in content
    assert "?tema=rigenerazione-urbana" in content
    assert "?metodo=world-cafe" in content
    assert "?livello=coinvolgere" in content
    assert "dal 1 marzo 2024 \N{EN DASH} in corso" in content.lower()
    assert "1.250 persone" in content
    assert "Selezione casuale (sorteggio)" in content
    assert "Da 5.000 a 20.000 €" in content
    assert "Bando regionale sulla partecipazione" in content
    assert "Sì, è stata valutata" in content
    assert (
        'href="https://creativecommons.org/licenses/by-sa/4.0/deed.it" rel="license noopener">'
        "CC BY-SA 4.0" in content
    )
    # Narrative sanitised on output, plain text kept as paragraphs.
    assert "<strong>dal mercato</strong>" in content
    assert "<script>alert(1)</script>" not in content
    assert "<p>Il comune ha approvato il progetto.</p>" in content
    # Organisations by role: a link only to public ones.
    assert 'href="/organizzazioni/comune-di-bologna/">Comune di Bologna</a>' in content
    assert "Gruppo informale Piazza" in content
    assert re.search(r"<a [^>]*>Gruppo informale Piazza</a>", content) is None
    # Testimonials, media, contacts.
    assert "Per la prima volta ci hanno chiesto che cosa volevamo." in content
    assert "Giulia Bianchi, residente" in content
    assert "<cite>Comitato Bolognina</cite>" in content
    assert 'alt="La piazza durante l&#x27;assemblea"' in content
    assert "Foto: Luca Verdi" in content
    assert "Report finale" in content
    assert "2,0\xa0KB" in content
    assert 'href="https://video.example.org/1" rel="noopener nofollow ugc"' in content
    assert "<iframe" not in content
    assert "mailto:maria.rossi@example.org" in content
    # Share links, the in-page index and the print button (revealed by JavaScript).
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver%2Fesperienze%2F"
        in content
    )
    assert 'href="#testimonianze"' in content
    assert "data-print hidden" in content


def test_a_missing_file_does_not_break_the_page(people):
    experience = full_experience(people)
    document = experience.documents.get()
    document.file.storage.delete(document.file.name)

    response = client_for(None).get(detail_url(experience))

    assert response.status_code == 200
    assert "Report finale" in response.content.decode()


def test_english_content_when_english_is_active(people):
    experience = make(
        people,
        title="Assemblea",
        title_en="Assembly",
        narrative="<p>Racconto</p>",
        narrative_en="<p>Story</p>",
    )

    client = client_for(None)
    client.cookies["civichub_language"] = "en"
    content = client.get(detail_url(experience)).content.decode()

    assert "Assembly" in content
    assert "<p>Story</p>" in content


def test_the_map_shows_the_comuni_of_the_province_and_the_point(people):
    experience = make(people)

    content = client_for(None).get(detail_url(experience)).content.decode()

    assert (
        f'data-geojson-url="{reverse("territories:municipalities_geojson")}?provincia=037"'
        in content
    )
    assert "Dove si è svolta: Bologna (BO)." in content


def test_the_point_is_geojson_for_those_who_may_see_the_experience(people, rf):
    experience = make(people)
    draft = make(
        people, state=State.DRAFT, published_at=None, latitude="44.49000", longitude="11.34000"
    )

    request = rf.get("/")
    request.user = people["author"]
    data = __import__("json").loads(experience_point(request, slug=draft.slug).content)

    assert data["features"][0]["geometry"]["coordinates"] == [11.34, 44.49]
    assert data["features"][0]["properties"]["name"] == draft.title
    request.user = UserFactory.create()
    with pytest.raises(__import__("django.http", fromlist=["Http404"]).Http404):
        experience_point(request, slug=draft.slug)
    request.user = __import__(
        "django.contrib.auth.models", fromlist=["AnonymousUser"]
    ).AnonymousUser()
    assert experience_point(request, slug=experience.slug)["Cache-Control"] == "public, max-age=300"


# --- related experiences ------------------------------------------------------------------


def test_related_experiences_by_shared_themes_methods_and_regions(people):
    themes = list(Theme.objects.order_by("pk")[:3])
    methods = list(ParticipatoryMethod.objects.order_by("pk")[:2])
    experience = make(people, title="Partenza")
    experience.themes.set(themes)
    experience.methods.set(methods)
    experience.save()

    def other(title, *, themes=(), methods=(), comune=None, **kwargs):
        found = ExperienceFactory.create(
            title=title,
            municipalities=[comune or municipality("041001", "Ancona", region_code="11")],
            **kwargs,
        )
        found.themes.set(themes)
        found.methods.set(methods)
        found.save()
        return found

    best = other("Tre in comune", themes=themes[:2], methods=methods[:1])
    second = other("Due in comune", themes=themes[:1], comune=municipality())  # theme + region
    third = other("Un tema", themes=themes[2:])
    other("Niente in comune")
    other(
        "Bozza con tutto in comune",
        themes=themes,
        methods=methods,
        state=State.DRAFT,
        published_at=None,
    )
    explicit = other("Collegata a mano")
    experience.related_experiences.add(explicit)

    page = client_for(None).get(detail_url(experience)).content.decode()
    titles = re.findall(r'class="card-title h5"><a [^>]*>([^<]+)</a>', page)

    assert titles == [explicit.title, best.title, second.title, third.title]
    assert "Bozza con tutto in comune" not in page


def test_related_experiences_are_cached_per_version(people, django_assert_num_queries):
    experience = make(people)
    experience.themes.set([theme()])
    experience.save()
    ExperienceFactory.create(themes=[theme()]).save()
    page = Experience.objects.prefetch_related("themes", "methods", "regions").get(pk=experience.pk)
    first = related_experiences(page)

    with django_assert_num_queries(0):
        assert related_experiences(page) == first
    page.updated_at = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        related_experiences(page)
    assert len(captured) > 0


# --- query counts -------------------------------------------------------------------------


def grow(experience: Experience, n: int) -> None:
    for i in range(n):
        with_organisation(experience, OrganisationRole.PARTNER)
        ExperienceTestimonial.objects.create(
            experience=experience, quote=f"Citazione {i}", person_name=f"Persona {i}"
        )
        ExperienceImage.objects.create(
            experience=experience, image=image_upload(f"foto{i}.png"), alt_text=f"Foto {i}"
        )
        ExperienceDocument.objects.create(
            experience=experience,
            title=f"Documento {i}",
            file=SimpleUploadedFile(f"d{i}.pdf", b"%PDF-1.4"),
        )
        ExperienceLink.objects.create(
            experience=experience, title=f"Link {i}", url=f"https://example.org/{i}"
        )
        ExperienceFactory.create(replicated_from=experience)
    experience.themes.set(Theme.objects.order_by("pk")[:n])
    experience.methods.set(ParticipatoryMethod.objects.order_by("pk")[:n])
    experience.municipalities.set(
        [municipality(f"037{i:03d}", f"Comune {i}") for i in range(1, n + 1)]
    )
    experience.save()
    ExperienceReview.objects.bulk_create(
        ExperienceReview(experience=experience, action=ReviewAction.SUBMITTED) for _ in range(n)
    )


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("role", "state"),
    [
        ("visitor", State.PUBLISHED),
        ("promoter", State.PUBLISHED),
        ("author", State.DRAFT),
        ("promoter", State.SUBMITTED),
    ],
)
def test_the_page_costs_the_same_queries_whatever_its_content(people, role, state):
    client = client_for(people[role])
    warm, small, large = (make(people, state=state) for _ in range(3))
    grow(small, 1)
    grow(large, 6)
    for _ in range(2):  # warm the shared caches (hub settings, navigation), not "related"
        client.get(detail_url(warm))
    few = count_queries(client, detail_url(small))

    many = count_queries(client, detail_url(large))

    assert few == many
