"""The demo catalogue: data that holds together, a seed that works with the two regions
the test settings load, and a second run that changes nothing."""

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision
from wagtail.search.backends import get_search_backend

from civichub.accounts import demo as accounts_demo
from civichub.accounts.models import User
from civichub.core.images import illustration
from civichub.core.validators import DOCUMENT_MIME_TYPES, validate_image, validate_upload
from civichub.experiences import demo
from civichub.experiences import models as experience_models
from civichub.experiences.models import (
    SUMMARY_MAX_LENGTH,
    BudgetBand,
    Experience,
    ExperienceCoauthor,
    ExperienceFeedback,
    ExperienceImage,
    ExperienceReview,
    OrganisationRole,
    Recruitment,
    ReviewAction,
    State,
    Status,
)
from civichub.notifications.models import Follow
from civichub.organisations import demo as organisations_demo
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup, Theme
from civichub.territories import demo as territories_demo
from civichub.territories.models import Municipality, Province, Region, Scale

SLUGS = {entry.slug for entry in demo.EXPERIENCES}
PUBLISHED = [entry for entry in demo.EXPERIENCES if entry.state == State.PUBLISHED]


def run() -> list[str]:
    lines: list[str] = []
    demo.seed(lines.append)
    return lines


@pytest.fixture
def hub(db) -> None:
    """What seed_demo runs before the experiences, with Emilia-Romagna and Marche only."""
    for module in (territories_demo, accounts_demo, organisations_demo):
        module.seed(log=lambda message: None)


def loadable() -> set[str]:
    """The demo experiences whose places this database has."""
    comuni = set(Municipality.objects.values_list("istat_code", flat=True))
    provinces = set(Province.objects.values_list("istat_code", flat=True))
    regions = set(Region.objects.values_list("istat_code", flat=True))
    return {
        entry.slug
        for entry in demo.EXPERIENCES
        if set(entry.places) <= comuni
        and (not entry.province or entry.province in provinces)
        and (not entry.region or entry.region in regions)
    }


def test_demo_data_covers_the_catalogue_and_holds_together():
    assert len(SLUGS) == len(demo.EXPERIENCES)
    assert len(PUBLISHED) >= 40
    assert {entry.scale for entry in PUBLISHED} == set(Scale.values)
    assert {entry.status for entry in PUBLISHED} == set(Status.values)
    assert {entry.recruitment for entry in PUBLISHED} == set(Recruitment.values)
    assert {entry.budget for entry in PUBLISHED} == set(BudgetBand.values)
    assert sum(entry.english is not None for entry in PUBLISHED) >= 8
    assert sum(bool(entry.report) for entry in PUBLISHED) >= 3
    states = [entry.state for entry in demo.EXPERIENCES if entry.state != State.PUBLISHED]
    assert sorted(states) == sorted(
        [State.SUBMITTED] * 2 + [State.CHANGES_REQUESTED, State.REJECTED] + [State.DRAFT] * 2
    )
    # Enough comuni for the map, the North, the Centre, the South and the islands.
    assert len({code for entry in PUBLISHED for code in entry.places}) >= 40
    organisations = {entry.slug for entry in organisations_demo.ORGANISATIONS}
    people = {email.removesuffix(demo.DOMAIN) for email, *_rest in accounts_demo.DEMO_LOGINS}
    people |= {person.email.removesuffix(demo.DOMAIN) for person in accounts_demo.PEOPLE}
    for entry in demo.EXPERIENCES:
        assert len(entry.summary) <= SUMMARY_MAX_LENGTH, entry.slug
        assert len(entry.slug) <= 60, entry.slug
        assert entry.author in people, entry.slug
        assert {slug for slug, _role in entry.organisations} <= organisations, entry.slug
        assert set(entry.related) | {entry.replicates} - {""} <= SLUGS, entry.slug
        assert all(name in people for name, _accepted in entry.coauthors)
        assert (entry.status == Status.PLANNED) == (not entry.start), entry.slug
        if entry.state == State.PUBLISHED:
            assert entry.quotes, entry.slug
        if entry.state != State.DRAFT:
            assert entry.narrative, entry.slug
            assert any(role == OrganisationRole.PROMOTER for _slug, role in entry.organisations)
        if entry.english:
            assert len(entry.english.quotes) == len(entry.quotes), entry.slug
            assert len(entry.english.narrative) == len(entry.narrative), entry.slug
            assert len(entry.english.summary) <= SUMMARY_MAX_LENGTH, entry.slug
    replicated = [entry for entry in PUBLISHED if entry.replicates]
    assert len(replicated) >= 2
    for entry in demo.EXPERIENCES:
        decided = entry.state in (State.CHANGES_REQUESTED, State.REJECTED)
        assert bool(entry.review) == decided, entry.slug


@pytest.mark.django_db
def test_demo_data_uses_the_default_vocabularies():
    def slugs(model: Any) -> set[str]:
        return set(model.objects.values_list("slug", flat=True))

    assert {slug for entry in PUBLISHED for slug in entry.themes} == slugs(Theme)
    assert {slug for entry in PUBLISHED for slug in entry.methods} == slugs(ParticipatoryMethod)
    assert {slug for entry in PUBLISHED for slug in entry.targets} == slugs(TargetGroup)
    assert {entry.iap2 for entry in PUBLISHED} == slugs(IAP2Level)


def test_generated_pdf_is_valid_and_passes_the_upload_check():
    data = demo.pdf(
        "Rapporto di valutazione", ["Città più vivibili (e sicure) \\ prova.", "x " * 300]
    )

    validate_upload(
        SimpleUploadedFile("r.pdf", data), allowed=DOCUMENT_MIME_TYPES, max_bytes=1024 * 1024
    )
    trailer = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    assert trailer
    start = int(trailer.group(1))
    assert data[start:].startswith(b"xref\n0 6\n")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n ", data)]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    assert "(Città più vivibili \\(e sicure\\) \\\\ prova.)".encode("cp1252") in data


def test_alt_text_names_the_colours_actually_drawn():
    # Seeds whose pictures are purple with blue shapes, and black with red and white ones.
    assert demo.describe_illustration(
        illustration("bilancio-partecipativo-quartiere-navile-0")
    ) == ("Illustrazione astratta: cerchi e rettangoli azzurri su fondo viola.")
    assert demo.describe_illustration(illustration("casa-del-quartiere-barriera-di-milano-1")) == (
        "Illustrazione astratta: cerchi e rettangoli rossi e bianchi su fondo nero."
    )


def test_seed_builds_a_consistent_catalogue_and_a_second_run_changes_nothing(hub):
    first = run()

    expected = loadable()
    created = set(Experience.objects.values_list("slug", flat=True))
    assert created == expected
    assert any("rimandate" in line for line in first)  # the rest of Italy is not loaded
    published = Experience.objects.published()
    assert published.count() >= 20
    counts = {state: Experience.objects.filter(state=state).count() for state in State.values}
    assert counts[State.SUBMITTED] == 2
    assert counts[State.CHANGES_REQUESTED] == 1
    assert counts[State.REJECTED] == 1
    assert counts[State.DRAFT] == 2
    contributor = User.objects.get(email="contributore@civichub.example")
    assert set(contributor.experiences.values_list("state", flat=True)) == {
        State.PUBLISHED,
        State.DRAFT,
    }
    marche_and_emilia = set(Region.objects.filter(istat_code__in=["08", "11"]))

    for experience in published.prefetch_related("regions", "testimonials", "images"):
        assert len(experience.summary) <= SUMMARY_MAX_LENGTH
        assert experience.narrative.startswith("<p>")
        assert experience.testimonials.all()
        assert experience.images.all()
        assert all(image.alt_text for image in experience.images.all())
        assert set(experience.regions.all()) <= marche_and_emilia
        assert experience.regions.all()
        assert experience.marker_latitude is not None
        assert experience.organisations.filter(role=OrganisationRole.PROMOTER).exists()
        assert experience.latest_revision_id is not None
        assert experience.submitted_at
        assert experience.published_at
        assert experience.submitted_at < experience.published_at
        actions = list(experience.reviews.values_list("action", flat=True))
        assert actions == [ReviewAction.SUBMITTED, ReviewAction.APPROVED]
        assert experience.useful_yes == experience.feedback.filter(useful=True).count()
        assert experience.useful_no == experience.feedback.filter(useful=False).count()
        assert experience.replication_count == experience.replications.published().count()

    translated = published.exclude(title_en="")
    assert translated.count() >= 4
    for experience in translated:
        assert all(
            getattr(experience, name)
            for name in ("summary_en", "narrative_en", "outcomes_en", "lessons_en")
        )
        assert not experience.testimonials.filter(quote_en="").exists()
    sent_back = Experience.objects.get(state=State.CHANGES_REQUESTED)
    assert sent_back.review_comment
    assert sent_back.reviews.get(action=ReviewAction.CHANGES_REQUESTED).comment
    assert (
        not Experience.objects.get(state=State.REJECTED)
        .reviews.filter(action=ReviewAction.REJECTED, comment="")
        .exists()
    )
    pesaro = Experience.objects.get(slug="bilancio-partecipativo-pesaro")
    assert pesaro.replicated_from.slug == "bilancio-partecipativo-quartiere-navile"
    assert pesaro.replicated_from.replication_count == 1
    navile = pesaro.replicated_from
    assert navile.related_experiences.count() == 2
    followed = Experience.objects.filter(
        pk__in=Follow.objects.filter(user__email="partecipante@civichub.example").values(
            "object_id"
        )
    )
    assert set(demo.FOLLOWS["partecipante"]) <= set(followed.values_list("slug", flat=True))
    assert ExperienceCoauthor.objects.filter(accepted_at__isnull=True).count() == 1

    report = navile.evaluation_report
    validate_upload(
        SimpleUploadedFile("r.pdf", report.read()), allowed=DOCUMENT_MIME_TYPES, max_bytes=10**7
    )
    image = ExperienceImage.objects.filter(experience=navile).first()
    assert image
    validate_image(SimpleUploadedFile("i.jpg", image.image.read()))
    assert (image.image.width, image.image.height) == demo.IMAGE_SIZE
    assert navile in get_search_backend().search("Navile", Experience)

    rows = (
        Experience,
        experience_models.Testimonial,
        ExperienceImage,
        ExperienceReview,
        ExperienceFeedback,
        Follow,
        ExperienceCoauthor,
        Revision,
    )
    before = [model.objects.count() for model in rows]
    counters = list(Experience.objects.values_list("pk", "useful_yes", "replication_count"))
    second = run()

    assert [model.objects.count() for model in rows] == before
    assert list(Experience.objects.values_list("pk", "useful_yes", "replication_count")) == counters
    assert second[0].startswith("esperienze: 0 create")


def test_demo_logins_find_the_workflow_at_work(hub):
    run()
    promoter = Client()
    promoter.force_login(User.objects.get(email="promotore@civichub.example"))
    contributor = Client()
    contributor.force_login(User.objects.get(email="contributore@civichub.example"))

    queue = promoter.get(reverse("experiences:review_queue"))
    mine = contributor.get(reverse("experiences:mine"))

    assert queue.status_code == mine.status_code == 200
    for experience in Experience.objects.filter(state=State.SUBMITTED):
        assert experience.title in queue.content.decode()
    for experience in Experience.objects.filter(author__email="contributore@civichub.example"):
        assert experience.title in mine.content.decode()


def test_seed_without_people_postpones_everything(db):
    lines = run()

    assert not Experience.objects.exists()
    assert any("rimandate" in line for line in lines)
