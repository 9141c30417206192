import pytest

from civichub.cms.models import HubSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_anonymous_page_is_served_from_cache(client, page_cache, django_assert_num_queries):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "max-age" not in second.get("Cache-Control", "")


def test_cache_is_per_language(client, page_cache):
    client.get("/")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()


def test_signed_in_people_are_never_served_the_cache(client, page_cache, django_user_model):
    client.get("/")
    user = django_user_model.objects.create_user("a@example.org", "password-123-abc")
    client.force_login(user)

    response = client.get("/")

    assert "X-Page-Cache" not in response


def test_errors_are_not_cached(client, page_cache):
    client.get("/manca/")

    assert "X-Page-Cache" not in client.get("/manca/")


def test_page_cache_expires_content_changes_later(client, page_cache, settings):
    client.get("/")
    hub = HubSettings.load()
    hub.name = "Nome nuovo"
    hub.save()

    assert "Nome nuovo" not in client.get("/").content.decode()

    settings.PAGE_CACHE_SECONDS = 0
    assert "Nome nuovo" in client.get("/").content.decode()
