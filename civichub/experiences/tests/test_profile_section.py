"""People's profiles and organisations' pages list their published experiences."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import ContributorFactory, UserFactory, public_profile
from civichub.experiences.models import ExperienceOrganisation, OrganisationRole, State
from civichub.organisations.tests.factories import OrganisationFactory

from .factories import DraftFactory, ExperienceFactory

pytestmark = pytest.mark.django_db


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


# --- profiles -------------------------------------------------------------------------------


def profile_url(user) -> str:
    return f"/persone/{user.public_id}/"


def test_a_profile_lists_the_published_experiences_of_its_author():
    author = public_profile(ContributorFactory.create())
    ExperienceFactory.create(author=author, title="Consulta dei ragazzi")
    DraftFactory.create(author=author, title="Bozza riservata")
    DraftFactory.create(author=author, title="Proposta respinta", state=State.REJECTED)
    ExperienceFactory.create(title="Di qualcun altro")

    content = Client().get(profile_url(author)).content.decode()

    assert "Esperienze" in content
    assert "Consulta dei ragazzi" in content
    assert "Bozza riservata" not in content
    assert "Proposta respinta" not in content
    assert "Di qualcun altro" not in content


def test_a_profile_without_experiences_says_so():
    person = public_profile(UserFactory.create())

    content = Client().get(profile_url(person)).content.decode()

    assert "Nessuna esperienza pubblicata finora." in content


def test_a_profile_shows_the_latest_twelve_and_the_total():
    author = public_profile(ContributorFactory.create())
    ExperienceFactory.create_batch(14, author=author)

    content = Client().get(profile_url(author)).content.decode()

    assert "14 esperienze pubblicate in tutto; qui le 12 più recenti." in content


def test_the_profile_costs_the_same_queries_with_more_experiences():
    author = public_profile(ContributorFactory.create())
    ExperienceFactory.create_batch(2, author=author)
    client = Client()
    for _ in range(2):  # warm the shared caches (hub settings, navigation)
        client.get(profile_url(author))
    few = count_queries(client, profile_url(author))

    ExperienceFactory.create_batch(13, author=author)
    many = count_queries(client, profile_url(author))

    assert few == many


# --- organisations ------------------------------------------------------------------------


def involve(organisation, experience, role=OrganisationRole.PARTNER) -> None:
    ExperienceOrganisation.objects.create(
        experience=experience, organisation=organisation, role=role
    )


def test_an_organisation_page_lists_its_published_experiences_with_its_roles():
    organisation = OrganisationFactory.create(name="Comune di Modena", slug="comune-di-modena")
    published = ExperienceFactory.create(title="Piano del verde condiviso")
    involve(organisation, published, OrganisationRole.PROMOTER)
    involve(organisation, published, OrganisationRole.FUNDER)
    draft = DraftFactory.create(title="Bozza del comune")
    involve(organisation, draft)
    ExperienceFactory.create(title="Senza il comune")

    content = Client().get("/organizzazioni/comune-di-modena/").content.decode()

    assert "Piano del verde condiviso" in content
    assert "(promotore, finanziatore)" in content
    assert "Bozza del comune" not in content
    assert "Senza il comune" not in content


def test_an_organisation_without_experiences_has_no_such_section():
    OrganisationFactory.create(slug="nuova-associazione")

    content = Client().get("/organizzazioni/nuova-associazione/").content.decode()

    assert 'id="organisation-experiences-title"' not in content


def test_an_organisation_page_shows_twelve_experiences_and_the_total():
    organisation = OrganisationFactory.create(slug="fondazione")
    for experience in ExperienceFactory.create_batch(15):
        involve(organisation, experience)

    content = Client().get("/organizzazioni/fondazione/").content.decode()

    assert content.count("(partner)") == 12
    assert "15 esperienze in tutto; qui le 12 più recenti." in content


def test_the_organisation_page_costs_the_same_queries_with_more_experiences():
    organisation = OrganisationFactory.create(slug="cooperativa")
    for experience in ExperienceFactory.create_batch(2):
        involve(organisation, experience)
    client = Client()
    for _ in range(2):  # warm the shared caches (hub settings, navigation)
        client.get("/organizzazioni/cooperativa/")
    few = count_queries(client, "/organizzazioni/cooperativa/")

    for experience in ExperienceFactory.create_batch(13):
        involve(organisation, experience, OrganisationRole.FACILITATOR)
    many = count_queries(client, "/organizzazioni/cooperativa/")

    assert few == many
