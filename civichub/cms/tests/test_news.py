import feedparser
import pytest
from django.utils import translation

from civichub.taxonomy.models import Theme

from .factories import news_index, news_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return news_index(intro="Aggiornamenti dalla rete.")


def test_news_index_lists_live_news_newest_first(client, index):
    news_page(index, n=2)
    news_page(index, n=1)
    news_page(index, n=3, live=False)

    response = client.get("/notizie/")

    assert response.status_code == 200
    titles = [item.title for item in response.context["page_obj"].object_list]
    assert titles == ["Notizia numero 1", "Notizia numero 2"]
    assert b"Notizia numero 3" not in response.content


def test_draft_news_page_is_not_found(client, index):
    news_page(index, n=1, live=False)

    assert client.get("/notizie/notizia-1/").status_code == 404


def test_news_index_filters_by_theme(client, index):
    youth = Theme.objects.get(slug="giovani")
    news_page(index, n=1, themes=[youth])
    news_page(index, n=2)

    response = client.get("/notizie/", {"tema": "giovani"})

    assert [p.slug for p in response.context["page_obj"].object_list] == ["notizia-1"]
    assert response.context["active_theme"] == youth


def test_unknown_theme_is_ignored_with_a_notice(client, index):
    news_page(index, n=1)

    response = client.get("/notizie/", {"tema": "<script>alert(1)</script>"})

    assert response.status_code == 200
    assert response.context["unknown_theme"] is True
    assert len(response.context["page_obj"].object_list) == 1
    assert "Il tema richiesto non esiste" in response.content.decode()
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0"])
def test_out_of_range_or_bad_page_numbers_do_not_fail(client, index, page):
    for n in range(1, 15):
        news_page(index, n=n)

    response = client.get("/notizie/", {"pagina": page})

    assert response.status_code == 200
    expected = 2 if page == "99" else (1 if page == "abc" else 2)
    assert response.context["page_obj"].number in {1, expected}


def test_last_page_is_shown_for_out_of_range_number(client, index):
    for n in range(1, 15):
        news_page(index, n=n)

    response = client.get("/notizie/", {"pagina": "99"})

    assert response.context["page_obj"].number == 2
    assert 'aria-current="page"' in response.content.decode()


def test_empty_archive_has_an_empty_state(client, index):
    response = client.get("/notizie/")

    assert response.status_code == 200
    assert "Non sono ancora state pubblicate notizie" in response.content.decode()


def test_news_list_query_count_is_constant(client, index, django_assert_max_num_queries):
    themes = list(Theme.objects.all()[:3])
    news_page(index, n=1, themes=themes)
    client.get("/notizie/")  # warm per-process caches (site root, settings)
    with django_assert_max_num_queries(25) as few:
        client.get("/notizie/")
    # Read now: every request resets the connection's query log.
    baseline = len(few.captured_queries)
    for n in range(2, 25):
        news_page(index, n=n, themes=themes)
    client.get("/notizie/")  # publishing cleared the cached navigation; warm it again
    with django_assert_max_num_queries(baseline):
        response = client.get("/notizie/")
    assert len(response.context["page_obj"].object_list) == 12


def test_news_page_shows_english_translation_when_english_is_active(client, index):
    news_page(index, n=1, title_en="News number one", summary_en="English summary.")

    italian = client.get("/notizie/notizia-1/")
    client.cookies["civichub_language"] = "en"
    english = client.get("/notizie/notizia-1/")

    assert "Notizia numero 1" in italian.content.decode()
    assert '<html lang="it">' in italian.content.decode()
    assert "News number one" in english.content.decode()
    assert "English summary." in english.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_english_falls_back_to_italian_when_not_translated(client, index):
    news_page(index, n=1)
    client.cookies["civichub_language"] = "en"

    response = client.get("/notizie/notizia-1/")

    assert "Notizia numero 1" in response.content.decode()


def test_news_page_shows_italian_date_and_related_news(client, index):
    youth = Theme.objects.get(slug="giovani")
    page = news_page(index, n=1, themes=[youth])
    news_page(index, n=2, themes=[youth])

    response = client.get("/notizie/notizia-1/")

    content = response.content.decode()
    with translation.override("it"):
        from django.utils.formats import date_format

        assert date_format(page.date, "DATE_FORMAT") in content
    assert [p.slug for p in response.context["related_news"]] == ["notizia-2"]


def test_rss_feed_is_valid_and_lists_live_news(client, index):
    youth = Theme.objects.get(slug="giovani")
    news_page(index, n=1, themes=[youth])
    news_page(index, n=2, live=False)

    response = client.get("/notizie/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Notizia numero 1"]
    assert feed.entries[0].link.endswith("/notizie/notizia-1/")
    assert [tag.term for tag in feed.entries[0].tags] == ["Giovani"]


def test_atom_feed_is_valid(client, index):
    news_page(index, n=1)

    response = client.get("/notizie/feed/atom/")

    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.entries[0].title == "Notizia numero 1"


def test_news_index_advertises_its_feeds(client, index):
    content = client.get("/notizie/").content.decode()

    assert 'type="application/rss+xml"' in content
    assert 'type="application/atom+xml"' in content
