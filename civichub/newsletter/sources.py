"""The digest sources of the apps that exist today, registered in ``apps.py``.

Experiences, news, library resources and events are read here, through their public
querysets, so that none of those apps has to know about the newsletter.
"""

import datetime

from django.utils import timezone

from civichub.accounts.mail import absolute_url
from civichub.cms.models import NewsPage
from civichub.events.models import Event, EventState
from civichub.experiences.models import Experience
from civichub.library.models import ResourcePage

from .digest import MAX_ITEMS, DigestItem


def _bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """The month as aware datetimes in the hub's time zone, end excluded, so that the
    indexed ``published_at`` column is compared as it is."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    until = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return since, until


def published_experiences(start: datetime.date, end: datetime.date) -> list[DigestItem]:
    since, until = _bounds(start, end)
    experiences = (
        Experience.objects.published()
        .filter(published_at__gte=since, published_at__lt=until)
        .only("slug", "title", "title_en", "summary", "summary_en", "published_at")
        .order_by("-published_at", "-pk")[:MAX_ITEMS]
    )
    return [
        DigestItem(
            title=experience.title,
            title_en=experience.title_en,
            url=absolute_url(experience.get_absolute_url()),
            summary=experience.summary,
            summary_en=experience.summary_en,
            date=timezone.localdate(experience.published_at) if experience.published_at else None,
        )
        for experience in experiences
    ]


def published_news(start: datetime.date, end: datetime.date) -> list[DigestItem]:
    pages = (
        NewsPage.objects.live()
        .public()
        .filter(date__range=(start, end))
        .order_by("-date", "-pk")[:MAX_ITEMS]
    )
    items = []
    for page in pages:
        parts = page.get_url_parts()
        if parts is None:  # not routable from any site
            continue
        items.append(
            DigestItem(
                title=page.title,
                title_en=page.title_en,
                url=absolute_url(parts[2]),
                summary=page.summary,
                summary_en=page.summary_en,
                date=page.date,
            )
        )
    return items


def published_resources(start: datetime.date, end: datetime.date) -> list[DigestItem]:
    """Live, public library resources with a publication date in the month."""
    pages = (
        ResourcePage.objects.live()
        .public()
        .filter(publication_date__range=(start, end))
        .order_by("-publication_date", "-pk")[:MAX_ITEMS]
    )
    items = []
    for page in pages:
        parts = page.get_url_parts()
        if parts is None:  # not routable from any site
            continue
        items.append(
            DigestItem(
                title=page.title,
                title_en=page.title_en,
                url=absolute_url(parts[2]),
                summary=page.summary,
                summary_en=page.summary_en,
                date=page.publication_date,
            )
        )
    return items


def upcoming_events(start: datetime.date, end: datetime.date) -> list[DigestItem]:
    """Published events starting in the month after the digest's month, soonest first:
    subscribers read the issue at the start of that month."""
    first = end + datetime.timedelta(days=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    since, until = _bounds(first, following - datetime.timedelta(days=1))
    events = (
        Event.objects.filter(state=EventState.PUBLISHED, starts_at__gte=since, starts_at__lt=until)
        .only("slug", "title", "title_en", "summary", "summary_en", "starts_at")
        .order_by("starts_at", "pk")[:MAX_ITEMS]
    )
    return [
        DigestItem(
            title=event.title,
            title_en=event.title_en,
            url=absolute_url(event.get_absolute_url()),
            summary=event.summary,
            summary_en=event.summary_en,
            date=timezone.localdate(event.starts_at),
        )
        for event in events
    ]
