"""RSS 2.0 of the latest discussions of a public area (feedgen, like the library's
podcast feed). Members-only and private areas have no feed: 404, as for a missing
area, so that their existence cannot be probed."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from feedgen.feed import FeedGenerator

from civichub.core.html import sanitise_html

from .models import Area, Thread, Visibility

FEED_ITEMS = 30


def latest_threads(area: Area) -> list[Thread]:
    """The latest discussions a visitor may read (``visible_to`` an anonymous user)."""
    from django.contrib.auth.models import AnonymousUser

    return list(
        Thread.objects.visible_to(AnonymousUser())
        .filter(area=area)
        .select_related("author")
        .order_by("-created_at", "-pk")[:FEED_ITEMS]
    )


def area_feed_xml(area: Area, request: HttpRequest) -> bytes:
    threads = latest_threads(area)
    area_url = request.build_absolute_uri(area.get_absolute_url())
    generator = FeedGenerator()
    generator.title(_("%(area)s: discussioni") % {"area": area.tr_name})
    # feedgen's RSS <link> is the last link given: the page, after the self link.
    generator.link(href=request.build_absolute_uri(request.path), rel="self")
    generator.link(href=area_url, rel="alternate")
    generator.description(area.tr_purpose or area.tr_name)
    generator.language(request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "it")
    generator.lastBuildDate(area.last_activity_at or area.created_at or timezone.now())
    generator.generator("Civic Hub")
    # feedgen writes entries in the reverse order of add_entry: oldest first here.
    for thread in reversed(threads):
        entry = generator.add_entry()
        url = request.build_absolute_uri(thread.get_absolute_url())
        entry.guid(url, permalink=True)
        entry.title(thread.title)
        entry.link(href=url)
        body = thread.body or ""
        entry.description(sanitise_html(body if "<" in body else linebreaks(body)))
        entry.author(name=thread.author.get_full_name() or _("Utente cancellato"))
        entry.published(thread.created_at)
    return generator.rss_str(pretty=True)


@require_safe
def area_feed(request: HttpRequest, area: str) -> HttpResponse:
    found = Area.objects.filter(slug=area, visibility=Visibility.PUBLIC).first()
    if found is None:
        raise Http404
    return HttpResponse(
        area_feed_xml(found, request), content_type="application/rss+xml; charset=utf-8"
    )
