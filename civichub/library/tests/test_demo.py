"""The demo library: believable data of every kind that holds together, real files,
programmes and featured resources, answers consistent with the counters, pages that are
served and found, and a second run that changes nothing."""

import datetime
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from civichub.accounts import demo as accounts_demo
from civichub.experiences import demo as experiences_demo
from civichub.experiences.models import State
from civichub.organisations import demo as organisations_demo
from civichub.search import demo as search_demo
from civichub.taxonomy.models import ParticipatoryMethod, Theme
from civichub.territories import demo as territories_demo

from .. import demo
from ..models import (
    RESERVED_SLUGS,
    SUMMARY_MAX_LENGTH,
    CaseStudyPage,
    CollectionItem,
    CollectionPage,
    DocumentPage,
    FeaturedResource,
    LibraryIndexPage,
    MethodSheetPage,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceFeedback,
    ResourceFile,
    ResourceKind,
    ResourcePage,
    Speaker,
    ToolkitPage,
)

ENTRIES = [*demo.ALL_RESOURCES, *demo.EPISODES]


def run() -> list[str]:
    lines: list[str] = []
    demo.seed(lines.append)
    return lines


def _counts() -> dict[str, int]:
    models = [
        Page, Revision, Document, get_image_model(), ResourceFeedback, ResourceFile,
        CollectionItem, FeaturedResource, Speaker,
    ]  # fmt: skip
    counts = {model.__name__: model.objects.count() for model in models}
    counts["answers"] = sum(ResourcePage.objects.values_list("useful_yes", flat=True))
    return counts


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """What seed_demo runs before the library (Emilia-Romagna and Marche only), the
    library twice, then the search documents; rolled back at the end."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for module in (territories_demo, accounts_demo, organisations_demo, experiences_demo):
                module.seed(log=lambda message: None)
            first = run()
            before = _counts()
            with CaptureQueriesContext(connection) as queries:
                second = run()
            after = _counts()
            search_demo.seed(lambda message: None)
            yield {
                "first": first,
                "second": second,
                "before": before,
                "after": after,
                "second_queries": len(queries),
            }
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def library(seeded: dict, db) -> dict:
    return seeded


def demo_resources():
    return ResourcePage.objects.filter(slug__in=[entry.slug for entry in ENTRIES])


# --- the data itself --------------------------------------------------------------------------


def test_entries_are_well_formed() -> None:
    slugs = [entry.slug for entry in ENTRIES]
    assert len(slugs) == len(set(slugs)) >= 40
    assert not set(slugs) & RESERVED_SLUGS
    assert {entry.kind for entry in ENTRIES} == set(ResourceKind.values)
    organisations = {entry.slug for entry in organisations_demo.ORGANISATIONS}
    published = {
        entry.slug for entry in experiences_demo.EXPERIENCES if entry.state == State.PUBLISHED
    }
    for entry in ENTRIES:
        assert len(entry.summary) <= SUMMARY_MAX_LENGTH, entry.slug
        assert len(entry.summary_en) <= SUMMARY_MAX_LENGTH, entry.slug
        assert len(entry.title) <= 255, entry.slug
        assert len(entry.title_en) <= 255, entry.slug
        assert entry.audiences, entry.slug
        assert set(entry.audiences) <= set("ptcf"), entry.slug
        assert not entry.organisation or entry.organisation in organisations, entry.slug
        if entry.kind == ResourceKind.CASE_STUDY:
            assert entry.content["experience"] in published, entry.slug
    assert sum(entry.language == "en" for entry in ENTRIES) >= 3
    assert sum(bool(entry.title_en and entry.summary_en) for entry in ENTRIES) >= 5
    programmes = [slug for slug, _ in demo.THIS_MONTH_ITEMS + demo.LAST_MONTH_ITEMS]
    assert set(programmes) | set(demo.FEATURED) <= set(slugs)


@pytest.mark.django_db
def test_entries_use_existing_themes_and_methods() -> None:
    themes = set(Theme.objects.values_list("slug", flat=True))
    methods = set(ParticipatoryMethod.objects.values_list("slug", flat=True))
    assert {slug for entry in ENTRIES for slug in entry.themes} <= themes
    assert {slug for entry in ENTRIES for slug in entry.methods} <= methods
    assert len({slug for entry in ENTRIES for slug in entry.themes}) >= 10


# --- what the seed builds ---------------------------------------------------------------------


def test_every_resource_is_live_with_its_classification(library: dict) -> None:
    resources = demo_resources()
    assert resources.live().count() == len(ENTRIES)
    assert set(resources.values_list("kind", flat=True)) == set(ResourceKind.values)
    assert resources.filter(language="en").count() >= 3
    assert resources.exclude(title_en="").exclude(summary_en="").count() >= 5
    assert resources.filter(organisation__isnull=False).count() >= 30
    assert resources.filter(themes__isnull=False).distinct().count() == len(ENTRIES)
    assert resources.exclude(phase="").count() >= 30
    assert resources.filter(level="advanced").count() >= 10
    assert all(resources.filter(**{field: True}).count() >= 10 for field in (
        "for_public_bodies", "for_third_sector", "for_citizens", "for_facilitators",
    ))  # fmt: skip
    index = LibraryIndexPage.objects.get()
    assert (index.slug, index.title, index.title_en) == ("strumenti", "Strumenti", "Tools")
    assert index.intro
    assert index.intro_en
    assert index.get_parent().specific_class.__name__ == "HomePage"
    # One revision per page: created and published once.
    pks = [str(pk) for pk in resources.values_list("pk", flat=True)]
    assert Revision.page_revisions.filter(object_id__in=pks).count() == len(ENTRIES)


def test_publication_dates_cover_eighteen_months_and_this_month(library: dict) -> None:
    today = timezone.localdate()
    dates = list(demo_resources().values_list("publication_date", flat=True))
    assert min(dates) >= today - datetime.timedelta(days=550)
    assert max(dates) <= today
    assert min(dates) <= today - datetime.timedelta(days=365)
    assert sum(date >= today.replace(day=1) for date in dates) >= 6


def test_guides_have_structure_and_documents_real_pdfs(library: dict) -> None:
    guide = demo_resources().get(slug="guida-co-programmazione-co-progettazione-art-55").specific
    types = [block.block_type for block in guide.body]
    assert {"heading", "paragraph", "callout", "checklist", "quote"} <= set(types)
    assert {block.value["level"] for block in guide.body if block.block_type == "heading"} == {
        "h2", "h3",
    }  # fmt: skip
    assert len(guide.body_en) > 5
    documents = DocumentPage.objects.filter(slug__in=[entry.slug for entry in ENTRIES])
    assert documents.count() >= 5
    for document in documents:
        assert (document.page_count or 0) >= 3, document.slug
        assert document.preview_id is not None
        assert document.derived_from_id == document.document_id
        assert document.document.file.name.endswith(".pdf")
    report = documents.get(slug="rapporto-amministrazione-condivisa-2025")
    assert "referente comunale stabile" in " ".join(report.extracted_text.split())


def test_webinars_toolkits_sheets_and_case_studies_are_complete(library: dict) -> None:
    slugs = [entry.slug for entry in ENTRIES]
    webinars = demo_resources().filter(kind=ResourceKind.WEBINAR)
    for webinar in webinars:
        page = webinar.specific
        assert page.video_url.startswith("https://www.youtube.com/watch?v=")
        assert page.transcript
        assert page.duration_minutes
        assert page.speakers.count() >= 2
    for toolkit in ToolkitPage.objects.filter(slug__in=slugs):
        assert toolkit.files.exists(), toolkit.slug
    budget = ToolkitPage.objects.get(slug="modello-piano-economico-co-progettazione")
    csv_file = next(f for f in budget.files.all() if f.document.file.name.endswith(".csv"))
    with csv_file.document.file.open("rb") as handle:
        assert handle.read().decode("utf-8-sig").startswith("Voce di spesa;")
    sheets = MethodSheetPage.objects.filter(slug__in=slugs)
    assert sheets.count() >= 8
    for sheet in sheets:
        assert sheet.methods.filter(pk=sheet.method_id).exists()
        assert len(sheet.steps) >= 3
    cases = CaseStudyPage.objects.filter(slug__in=slugs)
    assert cases.count() >= 5
    assert all(case.experience and case.experience.state == State.PUBLISHED for case in cases)


def test_the_podcast_has_a_square_cover_and_episodes_with_durations(library: dict) -> None:
    series = PodcastSeriesPage.objects.get(slug=demo.SERIES_SLUG)
    assert (series.cover.width, series.cover.height) == (1400, 1400)
    episodes = (
        PodcastEpisodePage.objects.child_of(series).live().order_by("season", "episode_number")
    )
    assert episodes.count() >= 5
    for episode in episodes:
        assert episode.duration_seconds == 3
        assert episode.season
        assert episode.episode_number
        assert episode.show_notes
        assert episode.transcript
        assert episode.audio.file.size < 30_000
    assert [(e.season, e.episode_number) for e in episodes][:2] == [(1, 1), (1, 2)]


def test_two_monthly_programmes_a_starter_collection_and_featured_resources(
    library: dict,
) -> None:
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    programmes = CollectionPage.objects.live().filter(month__isnull=False).order_by("month")
    assert [page.month for page in programmes] == [last_month, this_month]
    assert programmes[1].title == f"Programma di {demo.MONTHS[today.month - 1]} {today.year}"
    for programme in programmes:
        items = list(programme.items.all())
        assert 4 <= len(items) <= 6
        assert all(item.note for item in items)
    assert CollectionPage.objects.live().filter(month__isnull=True).count() == 1
    index = LibraryIndexPage.objects.get()
    featured = list(index.featured_items.order_by("sort_order"))
    assert 3 <= len(featured) <= 4
    assert featured[0].resource.slug == demo.FEATURED[0]


def test_answers_and_downloads_match_the_counters(library: dict) -> None:
    resources = demo_resources()
    assert ResourceFeedback.objects.filter(resource__in=resources).count() >= 100
    assert ResourceFeedback.objects.exclude(comment="").filter(user__isnull=False).exists()
    for resource in resources:
        answers = ResourceFeedback.objects.filter(resource=resource)
        assert resource.useful_yes == answers.filter(useful=True).count(), resource.slug
        assert resource.useful_no == answers.filter(useful=False).count(), resource.slug
        files = sum(resource.files.values_list("download_count", flat=True))
        if resource.kind == ResourceKind.DOCUMENT:
            assert resource.download_count > files
        else:
            assert resource.download_count == files, resource.slug
    assert resources.filter(download_count__gt=0).count() >= 10


def test_a_second_run_changes_nothing(library: dict) -> None:
    assert library["first"][0].startswith(f"strumenti: {len(ENTRIES)} creati (")
    assert library["second"] == [
        f"strumenti: 0 creati (0 risposte «È stato utile?»), {len(ENTRIES)} già presenti",
        "strumenti: 0 raccolte create",
    ]
    assert library["after"] == library["before"]
    # Lookups only: no query per resource.
    assert library["second_queries"] <= 20


# --- served and found -------------------------------------------------------------------------


def test_every_kind_is_served_and_the_catalogue_shows_the_featured(library: dict, client) -> None:
    for kind in ResourceKind.values:
        page = demo_resources().filter(kind=kind).order_by("pk").first()
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    response = client.get("/strumenti/")
    assert response.status_code == 200
    assert "Rapporto 2025 sull&#x27;amministrazione condivisa" in response.content.decode()
    series = PodcastSeriesPage.objects.get(slug=demo.SERIES_SLUG)
    assert client.get(series.url).status_code == 200
    assert client.get(series.url + "feed/").status_code == 200


def test_the_site_search_finds_resources_by_their_text(library: dict, client) -> None:
    response = client.get("/cerca/", {"q": "referente comunale stabile", "tipo": "strumenti"})
    titles = [hit.document.title for hit in response.context["page_obj"].object_list]
    assert "Rapporto 2025 sull'amministrazione condivisa: patti, regolamenti, risultati" in titles
