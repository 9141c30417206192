"""The RSS feed of a podcast series: RSS 2.0 with the iTunes tags that Apple Podcasts,
Spotify and the other apps read, and the Podcasting 2.0 tags (podcastindex.org)."""

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from wagtail.rich_text import expand_db_html

from civichub.core.html import sanitise_html

from .media import document_size
from .models import PodcastEpisodePage, PodcastSeriesPage

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


class PodcastIndexExtension(BaseExtension):
    """``<podcast:guid>``, ``<podcast:locked>`` and Apple's current ``true``/``false``
    form of ``<itunes:explicit>`` (feedgen writes only the older yes/no)."""

    def __init__(self) -> None:
        self.guid = ""
        self.locked_owner = ""
        self.explicit = False

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
        locked.text = "no"
        if self.locked_owner:
            locked.attrib["owner"] = self.locked_owner
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = "true" if self.explicit else "false"
        return feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """``<podcast:transcript>`` of an episode."""

    def __init__(self) -> None:
        self.transcript: dict[str, str] | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, entry: Any) -> Any:
        if self.transcript:
            element = xml_elem(f"{{{PODCAST_NS}}}transcript", entry)
            for name, value in self.transcript.items():
                element.attrib[name] = value
        return entry


def _published(episode: PodcastEpisodePage) -> datetime.datetime:
    """The publication date with the time of the first publish when it is that day
    (episodes of the same day keep their order), else midday: the same date in every
    listener's time zone from UTC-11 to UTC+12."""
    first = episode.first_published_at
    if first is not None and timezone.localdate(first) == episode.publication_date:
        return first
    midday = datetime.datetime.combine(episode.publication_date, datetime.time(12))
    return timezone.make_aware(midday)


def _html(value: str) -> str:
    return sanitise_html(expand_db_html(value or ""))


def podcast_feed(series: PodcastSeriesPage, request: HttpRequest) -> bytes:
    episodes = list(series.episodes().select_related("audio"))
    # Addresses from the request, like the rest of the site's absolute links (the
    # Wagtail site's hostname may be a placeholder in small installations).
    series_url = request.build_absolute_uri(series.get_url(request))
    feed_url = series.get_feed_url(request)
    cover_url = request.build_absolute_uri(series.cover.file.url)

    generator = FeedGenerator()
    generator.load_extension("podcast")
    generator.register_extension(
        "podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension, atom=False
    )
    generator.title(series.title)
    # feedgen's RSS <link> is the last link given: the page, after the self link.
    generator.link(href=feed_url, rel="self")
    generator.link(href=series_url, rel="alternate")
    generator.description(series.description or series.summary)
    generator.language(series.language)
    generator.image(url=cover_url, title=series.title, link=series_url)
    years = sorted({episode.publication_date.year for episode in episodes}) or [
        timezone.localdate().year
    ]
    span = str(years[0]) if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"
    generator.copyright(f"© {span} {series.author_name}")
    changes = [
        moment
        for moment in (
            series.last_published_at,
            *(episode.last_published_at for episode in episodes),
        )
        if moment is not None
    ]
    generator.lastBuildDate(max(changes) if changes else timezone.now())
    generator.generator("Civic Hub")

    podcast = generator.podcast
    podcast.itunes_author(series.author_name)
    podcast.itunes_owner(name=series.author_name, email=series.owner_email)
    podcast.itunes_image(cover_url)
    podcast.itunes_category(series.category)
    podcast.itunes_summary(series.description or series.summary)
    podcast.itunes_type("episodic")
    extension = generator.podcastindex
    extension.guid = str(series.guid)
    extension.locked_owner = series.owner_email
    extension.explicit = series.explicit

    # feedgen writes entries in the reverse order of add_entry: oldest first here.
    for episode in reversed(episodes):
        entry = generator.add_entry()
        episode_url = request.build_absolute_uri(episode.get_url(request))
        entry.guid(str(episode.guid), permalink=False)
        entry.title(episode.title)
        entry.link(href=episode_url)
        notes = _html(episode.show_notes)
        entry.description(notes or episode.summary)
        entry.published(_published(episode))
        audio = episode.audio
        entry.enclosure(
            request.build_absolute_uri(audio.url),
            str(document_size(audio) or 0),
            audio.content_type,
        )
        itunes = entry.podcast
        if episode.duration_seconds is not None:
            itunes.itunes_duration(episode.duration_seconds)
        if episode.episode_number:
            itunes.itunes_episode(episode.episode_number)
        if episode.season:
            itunes.itunes_season(episode.season)
        itunes.itunes_episode_type("full")
        itunes.itunes_summary(episode.summary)
        if episode.transcript:
            entry.podcastindex.transcript = {
                "url": episode.get_transcript_url(request),
                "type": "text/plain",
                "language": episode.language,
            }
    return generator.rss_str(pretty=True)


def podcast_feed_response(series: PodcastSeriesPage, request: HttpRequest) -> HttpResponse:
    """The feed as ``application/rss+xml``: only live, public episodes."""
    return HttpResponse(
        podcast_feed(series, request), content_type="application/rss+xml; charset=utf-8"
    )
