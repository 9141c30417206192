"""The organisation page names only the members who chose to be seen; directory costs."""

import pytest

from civichub.accounts.models import Visibility
from civichub.accounts.tests.factories import UserFactory

from .factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def _person(name: str, *, profile: str, organisations: str):
    user = UserFactory.create(first_name=name, last_name="Rossi")
    user.profile.visibility = profile
    user.profile.organisations_visibility = organisations
    user.profile.save(update_fields=["visibility", "organisations_visibility"])
    return user


@pytest.fixture
def organisation():
    organisation = OrganisationFactory.create()
    member(organisation, _person("Aperta", profile=Visibility.PUBLIC, organisations="public"))
    member(organisation, _person("Iscritti", profile=Visibility.PUBLIC, organisations="members"))
    member(organisation, _person("Riservata", profile=Visibility.PRIVATE, organisations="public"))
    return organisation


def test_visitors_see_only_public_people(client, organisation):
    content = client.get(organisation.get_absolute_url()).content.decode()

    assert "Aperta Rossi" in content
    assert "Iscritti Rossi" not in content
    assert "Riservata Rossi" not in content
    assert "3 persone iscritte in tutto" in content


def test_members_also_see_people_visible_to_members(client, organisation):
    client.force_login(UserFactory.create())

    content = client.get(organisation.get_absolute_url()).content.decode()

    assert "Aperta Rossi" in content
    assert "Iscritti Rossi" in content
    assert "Riservata Rossi" not in content


def test_directory_facets_are_counted_once_a_minute(client, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/organizzazioni/")  # caches navigation and footer links
    with CaptureQueriesContext(connection) as first:
        client.get("/organizzazioni/", {"tipo": "ets"})
    first_facets = [q for q in first.captured_queries if "GROUP BY" in q["sql"]]
    with CaptureQueriesContext(connection) as second:
        client.get("/organizzazioni/", {"tipo": "ets"})

    assert len(first_facets) == 4
    assert [q for q in second.captured_queries if "GROUP BY" in q["sql"]] == []
