"""seed_bench: counts per scale, top-up without duplicates, news archive still fast."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from civichub.accounts.bench import EMAIL_DOMAIN
from civichub.accounts.models import Profile, User
from civichub.cms.bench import SLUG_PREFIX
from civichub.cms.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def _seed(scale: float) -> None:
    call_command("seed_bench", scale=scale, stdout=StringIO())


def _counts() -> tuple[int, int]:
    people = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()
    news = NewsPage.objects.live().public().filter(slug__startswith=SLUG_PREFIX).count()
    return people, news


def test_seed_bench_creates_the_data_for_the_scale() -> None:
    _seed(0.01)

    assert _counts() == (200, 10)
    assert Profile.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").count() == 200
    index = NewsIndexPage.objects.get()
    assert index.numchild == index.get_children().count() == 10
    assert Page.find_problems() == ([], [], [], [], [])
    page = NewsPage.objects.filter(slug__startswith=SLUG_PREFIX).first()
    assert page is not None
    assert page.themes.exists()
    assert page.body


def test_seed_bench_twice_tops_up_without_duplicates() -> None:
    _seed(0.01)
    _seed(0.01)
    assert _counts() == (200, 10)

    _seed(0.02)
    assert _counts() == (400, 20)
    assert Page.find_problems() == ([], [], [], [], [])


def test_news_archive_serves_the_bench_pages(client) -> None:
    _seed(0.01)
    page = NewsPage.objects.filter(slug__startswith=SLUG_PREFIX).order_by("-date", "-pk").first()
    assert page is not None

    response = client.get("/notizie/")
    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert client.get(page.url).status_code == 200
    assert client.get("/notizie/feed/").status_code == 200


@pytest.mark.parametrize("query", ["", "?pagina=5", "?tema={theme}"])
def test_news_list_queries_stay_constant_from_10_to_100_pages(
    client, django_assert_max_num_queries, settings, query: str
) -> None:
    settings.PAGE_CACHE_SECONDS = 0  # a page cache hit would run no query at all
    _seed(0.01)
    # A theme the first 10 pages have, so that both lists are non-empty.
    theme = NewsPage.objects.filter(slug__startswith=SLUG_PREFIX).first().themes.first()
    path = "/notizie/" + query.format(theme=theme.slug)
    client.get(path)  # fills the per-process caches (site root paths, archive URL)
    with CaptureQueriesContext(connection) as with_10_pages:
        assert client.get(path).status_code == 200

    _seed(0.1)
    assert _counts()[1] == 100
    with django_assert_max_num_queries(len(with_10_pages)):
        assert client.get(path).status_code == 200
