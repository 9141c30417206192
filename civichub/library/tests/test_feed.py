"""The podcast feed: valid RSS 2.0 with the iTunes and Podcasting 2.0 tags, only live
public episodes, newest first; the transcript as text."""

import datetime

import feedparser
import pytest
from django.test import Client
from lxml import etree
from wagtail.models import PageViewRestriction

from ..models import PodcastEpisodePage, PodcastSeriesPage, ResourceKind
from .factories import document, podcast_series, resource, wav_bytes

pytestmark = pytest.mark.django_db

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}


@pytest.fixture
def series() -> PodcastSeriesPage:
    series = podcast_series(title="Voci della partecipazione", slug="voci", explicit=False)
    resource(
        ResourceKind.PODCAST,
        parent=series,
        title="Il primo episodio",
        slug="primo",
        audio=document("primo.wav", wav_bytes(2.0)),
        duration_seconds=3725,
        season=1,
        episode_number=1,
        transcript="Benvenuti al primo episodio.",
        publication_date=datetime.date(2025, 3, 1),
    )
    resource(
        ResourceKind.PODCAST,
        parent=series,
        title="Il secondo episodio",
        slug="secondo",
        audio=document("secondo.mp3", wav_bytes(1.0)),
        duration_seconds=95,
        season=1,
        episode_number=2,
        publication_date=datetime.date(2025, 4, 1),
    )
    resource(ResourceKind.PODCAST, parent=series, title="Bozza", slug="bozza", live=False)
    return series


def get_feed(series: PodcastSeriesPage):
    response = Client().get(series.url + "feed/")
    assert response.status_code == 200
    return response


def test_the_feed_is_valid_rss_with_itunes_tags(series):
    response = get_feed(series)

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    channel = feed.feed
    assert channel.title == "Voci della partecipazione"
    assert channel.language == "it"
    assert channel.image.href == f"http://testserver{series.cover.file.url}"
    assert channel.author_detail.name == "Hub Partecipazione"
    assert channel.publisher_detail.email == "podcast@example.org"
    assert channel.tags[0].term == "Education"
    assert "itunes_explicit" in channel
    assert channel.rights.startswith("© 2025 Hub Partecipazione")
    assert channel.link == f"http://testserver{series.url}"

    titles = [entry.title for entry in feed.entries]
    assert titles == ["Il secondo episodio", "Il primo episodio"]  # newest first, no draft
    second, first = feed.entries
    assert first.itunes_duration == "3725"
    assert (first.itunes_season, first.itunes_episode) == ("1", "1")
    assert first.itunes_episodetype == "full"
    enclosure = first.enclosures[0]
    assert enclosure.href.startswith("http://testserver/documenti/")
    assert enclosure.type == "audio/x-wav"
    assert int(enclosure.length) == len(wav_bytes(2.0))
    assert second.enclosures[0].type == "audio/mpeg"
    episode = PodcastEpisodePage.objects.get(slug="primo")
    assert first.id == str(episode.guid)
    assert first.guidislink is False
    assert first.published_parsed[:3] == (2025, 3, 1)


def test_the_feed_has_podcasting_2_tags_and_a_self_link(series):
    root = etree.fromstring(get_feed(series).content)
    channel = root.find("channel")

    assert channel.findtext("podcast:guid", namespaces=NS) == str(series.guid)
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("no", "podcast@example.org")
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    assert channel.find("itunes:owner/itunes:email", NS).text == "podcast@example.org"
    self_link = channel.find("atom:link[@rel='self']", NS)
    assert self_link.get("href") == f"http://testserver{series.url}feed/"
    assert channel.findtext("lastBuildDate")
    assert channel.findtext("copyright")
    items = channel.findall("item")
    assert items[0].find("guid").get("isPermaLink") == "false"
    assert items[0].find("podcast:transcript", NS) is None
    transcript = items[1].find("podcast:transcript", NS)
    assert transcript.get("type") == "text/plain"
    assert transcript.get("language") == "it"

    text = Client().get(transcript.get("url").removeprefix("http://testserver"))

    assert text.status_code == 200
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text.content.decode() == "Benvenuti al primo episodio."


def test_an_episode_without_transcript_has_no_transcript_route(series):
    episode = PodcastEpisodePage.objects.get(slug="secondo")

    assert Client().get(episode.url + "trascrizione/").status_code == 404


def test_restricted_episodes_stay_out_of_the_feed(series):
    restricted = PodcastEpisodePage.objects.get(slug="secondo")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    feed = feedparser.parse(get_feed(series).content)

    assert [entry.title for entry in feed.entries] == ["Il primo episodio"]


def test_an_empty_series_still_has_a_valid_feed():
    series = podcast_series(explicit=True)

    response = get_feed(series)

    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.entries == []
    assert b"<itunes:explicit>true</itunes:explicit>" in response.content


def test_a_draft_series_has_no_feed():
    series = podcast_series()
    series.unpublish()

    assert Client().get(f"/strumenti/{series.slug}/feed/").status_code == 404
