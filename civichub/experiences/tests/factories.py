"""Experiences for tests: published by default, with a comune, a theme and a promoter."""

import datetime
from typing import Any

import factory

from civichub.accounts.tests.factories import ContributorFactory
from civichub.organisations.tests.factories import OrganisationFactory, municipality
from civichub.taxonomy.models import Theme
from civichub.territories.models import Scale

from ..models import Experience, ExperienceOrganisation, OrganisationRole, State, Status
from ..services import experience_refresh_derived


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bilancio partecipativo di quartiere {n}")
    slug = factory.Sequence(lambda n: f"esperienza-{n}")
    summary = "Cittadini e associazioni decidono insieme come spendere una parte del bilancio."
    narrative = "<p>Il percorso è durato sei mesi, con assemblee in ogni quartiere.</p>"
    scale = Scale.MUNICIPAL
    status = Status.CONCLUDED
    start_date = datetime.date(2024, 3, 1)
    end_date = datetime.date(2024, 9, 30)
    state = State.PUBLISHED
    author = factory.SubFactory(ContributorFactory)
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2025, 1, 15, 10, 0, tzinfo=datetime.UTC)
    )

    @factory.post_generation
    def municipalities(experience: Experience, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        # Parental relations are written by the experience's own save().
        experience.municipalities.set(extracted if extracted is not None else [municipality()])
        experience.save()
        experience_refresh_derived(experience)

    @factory.post_generation
    def themes(experience: Experience, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            experience.themes.set(extracted)
            experience.save()


class DraftFactory(ExperienceFactory):
    state = State.DRAFT
    published_at: Any = None


def with_organisation(
    experience: Experience, role: str = OrganisationRole.PROMOTER, **org_kwargs: Any
) -> ExperienceOrganisation:
    return ExperienceOrganisation.objects.create(
        experience=experience,
        organisation=OrganisationFactory.create(**org_kwargs),
        role=role,
    )


def theme(name: str = "Ambiente", slug: str = "ambiente") -> Theme:
    found, _ = Theme.objects.get_or_create(slug=slug, defaults={"name": name})
    return found
