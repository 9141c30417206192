"""The completeness indicator: what blocks the submission, what only lowers the
percentage, territory by scale, and no query once the relations are prefetched."""

import pytest

from civichub.organisations.tests.factories import municipality
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup
from civichub.territories.models import Province, Region, Scale

from ..completeness import COMPLETENESS_PREFETCH, STEP_SLUGS, experience_completeness
from ..models import (
    Experience,
    ExperienceImage,
    ExperienceOrganisation,
    OrganisationRole,
    Status,
)
from ..models import Testimonial as ExperienceTestimonial
from .factories import DraftFactory, theme, with_organisation

pytestmark = pytest.mark.django_db


def complete() -> Experience:
    """A draft with every required and recommended item."""
    experience = DraftFactory.create(
        themes=[theme()],
        outcomes="<p>Dodici progetti.</p>",
        lessons="<p>Partire dalle scuole.</p>",
        replicability="Serve un anno.",
        has_evaluation=True,
        participants_count=300,
        iap2_level=IAP2Level.objects.order_by("pk")[0],
        contact_email="partecipa@example.org",
    )
    experience.methods.set([ParticipatoryMethod.objects.order_by("pk")[0]])
    experience.target_groups.set([TargetGroup.objects.order_by("pk")[0]])
    experience.save()
    with_organisation(experience)
    ExperienceTestimonial.objects.create(experience=experience, quote="Bello", person_name="Anna")
    ExperienceImage.objects.create(experience=experience, image="x.jpg", alt_text="Assemblea")
    return Experience.objects.get(pk=experience.pk)


def missing_labels(experience: Experience, *, required: bool) -> set[str]:
    return {
        str(item.label)
        for item in experience_completeness(experience).missing
        if item.required == required
    }


def test_a_complete_experience_is_at_100_percent():
    completeness = experience_completeness(complete())
    assert completeness.percent == 100
    assert completeness.missing == []
    assert completeness.ready
    assert all(completeness.step_state(step) == "done" for step in STEP_SLUGS)


def test_a_bare_draft_lists_what_is_required_with_its_step():
    experience = DraftFactory.create(narrative="", municipalities=[], start_date=None)
    completeness = experience_completeness(experience)

    required = {(item.step, str(item.label)) for item in completeness.required_missing}
    assert required == {
        ("essenziale", "La data di inizio"),
        ("territorio", "Il comune in cui si è svolta"),
        ("metodo", "Almeno un tema"),
        ("racconto", "Il racconto"),
        ("organizzazioni", "Almeno un'organizzazione con il ruolo di promotore"),
    }
    assert not completeness.ready
    assert completeness.percent < 50
    assert completeness.step_state("metodo") == "missing"
    assert completeness.step_state("media") == "partial"


def test_recommended_items_lower_the_percentage_but_do_not_block():
    experience = complete()
    ExperienceImage.objects.filter(experience=experience).delete()
    experience = Experience.objects.get(pk=experience.pk)

    completeness = experience_completeness(experience)

    assert completeness.ready
    assert 90 <= completeness.percent < 100
    assert [str(item.label) for item in completeness.missing] == ["Almeno un'immagine"]
    assert completeness.step_state("media") == "partial"


def test_a_planned_experience_needs_no_start_date():
    experience = complete()
    experience.start_date = None
    assert "La data di inizio" in missing_labels(experience, required=True)
    experience.status = Status.PLANNED
    assert "La data di inizio" not in missing_labels(experience, required=True)


def test_a_partner_is_not_enough_a_promoter_is_needed():
    experience = complete()
    ExperienceOrganisation.objects.filter(experience=experience).update(
        role=OrganisationRole.PARTNER
    )
    experience = Experience.objects.get(pk=experience.pk)
    assert "Almeno un'organizzazione con il ruolo di promotore" in missing_labels(
        experience, required=True
    )


@pytest.mark.parametrize(
    ("scale", "comuni", "province", "region", "ok"),
    [
        (Scale.NATIONAL, 0, False, False, True),
        (Scale.INTERNATIONAL, 0, False, False, True),
        (Scale.NEIGHBOURHOOD, 0, False, False, False),
        (Scale.MUNICIPAL, 1, False, False, True),
        (Scale.INTER_MUNICIPAL, 1, False, False, False),
        (Scale.INTER_MUNICIPAL, 2, False, False, True),
        (Scale.PROVINCIAL, 0, False, False, False),
        (Scale.PROVINCIAL, 0, True, False, True),
        (Scale.PROVINCIAL, 1, False, False, True),
        (Scale.REGIONAL, 0, False, False, False),
        (Scale.REGIONAL, 0, False, True, True),
        (Scale.REGIONAL, 0, True, False, True),
    ],
)
def test_the_territory_must_fit_the_scale(scale, comuni, province, region, ok):
    places = [municipality(), municipality("037032", "Imola")][:comuni]
    experience = DraftFactory.create(scale=scale, municipalities=places)
    experience.save()
    bologna = municipality()
    experience.province = Province.objects.get(pk=bologna.province_id) if province else None
    experience.region = Region.objects.get(pk=bologna.region_id) if region else None

    territory = [
        item for item in experience_completeness(experience).missing if item.step == "territorio"
    ]

    assert (not territory) == ok


def test_no_query_once_the_relations_are_prefetched(django_assert_num_queries):
    for _ in range(3):
        complete()
    experiences = list(Experience.objects.prefetch_related(*COMPLETENESS_PREFETCH))
    with django_assert_num_queries(0):
        results = [experience_completeness(experience) for experience in experiences]
    assert [result.percent for result in results] == [100, 100, 100]
