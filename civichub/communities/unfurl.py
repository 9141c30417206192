"""Links in a post to the hub's experiences (``/esperienze/<slug>/``), library resources
(``/strumenti/…/<slug>/``) and events (``/eventi/<slug>/``) become cards under the post.

``cards_for(posts, reader)`` resolves the links of every post of a page at once: it
collects the paths, then runs one query per kind, whatever the number of posts or
links, and sets ``post.cards``. Only what anyone may read gets a card (published
experiences, live and unrestricted resources, published or cancelled events): a link to
a draft or a private page stays a plain link.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# Cards shown under one post, at most.
MAX_CARDS = 3
_HREF_RE = re.compile(r"""<a\s[^>]*?href=["']([^"']+)["']""", re.IGNORECASE)
_PATH_RE = re.compile(r"^/(esperienze|eventi|strumenti)/((?:[\w-]+/)*)([\w-]+)/$")
KIND_LABELS = {
    "esperienze": _("Esperienza"),
    "strumenti": _("Strumento"),
    "eventi": _("Evento"),
}


@dataclass(frozen=True)
class Card:
    kind: str  # esperienze / strumenti / eventi
    kind_label: Any
    title: str
    summary: str
    url: str


def _hub_hosts() -> set[str]:
    hosts = {urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc.lower()}
    hosts.update(host.lower() for host in settings.ALLOWED_HOSTS if host and "*" not in host)
    return {host.lstrip(".") for host in hosts if host}


def hub_paths(html: str, hosts: set[str] | None = None) -> list[str]:
    """The hub paths that ``html`` links to that may have a card, in order, once each."""
    hosts = _hub_hosts() if hosts is None else hosts
    paths: list[str] = []
    for href in _HREF_RE.findall(html):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.scheme and parts.scheme not in ("http", "https"):
            continue
        if parts.netloc and parts.netloc.lower() not in hosts:
            continue
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        if _PATH_RE.match(path) and path not in paths:
            paths.append(path)
    return paths


def _resolve(paths: Iterable[str]) -> dict[str, Card]:
    """One query per kind for all ``paths``."""
    from civichub.events.models import Event
    from civichub.experiences.models import Experience
    from civichub.library.models import ResourceKind, ResourcePage

    slugs: dict[str, set[str]] = {"esperienze": set(), "eventi": set(), "strumenti": set()}
    wanted: dict[str, str] = {}
    for path in paths:
        match = _PATH_RE.match(path)
        if match is None:
            continue
        kind, parents, slug = match.groups()
        if kind != "strumenti" and parents:
            continue
        slugs[kind].add(slug)
        wanted[path] = kind
    cards: dict[str, Card] = {}
    if slugs["esperienze"]:
        experiences = Experience.objects.published().filter(slug__in=slugs["esperienze"])
        for experience in experiences.only("slug", "title", "title_en", "summary", "summary_en"):
            cards[f"/esperienze/{experience.slug}/"] = Card(
                "esperienze",
                KIND_LABELS["esperienze"],
                experience.tr_title,
                experience.tr_summary,
                experience.get_absolute_url(),
            )
    if slugs["eventi"]:
        events = Event.objects.public().filter(slug__in=slugs["eventi"])
        for event in events.only("slug", "title", "title_en", "summary", "summary_en", "kind"):
            cards[f"/eventi/{event.slug}/"] = Card(
                "eventi",
                event.get_kind_display(),
                event.tr_title,
                event.tr_summary,
                event.get_absolute_url(),
            )
    if slugs["strumenti"]:
        resources = (
            ResourcePage.objects.live()
            .public()
            .filter(slug__in=slugs["strumenti"])
            .only("slug", "title", "title_en", "summary", "summary_en", "kind", "url_path")
        )
        for resource in resources:
            # url_path is "/<site root>/strumenti/<slug>/": match the link's whole path.
            for path, kind in wanted.items():
                if kind == "strumenti" and resource.url_path.endswith(path):
                    label = ResourceKind(resource.kind).label if resource.kind else ""
                    cards[path] = Card(
                        "strumenti",
                        label or KIND_LABELS["strumenti"],
                        resource.tr_title,
                        resource.tr_summary,
                        path,
                    )
    return cards


def cards_for(posts: Sequence[Any], reader: Any = None) -> None:
    """Set ``post.cards`` (a list of ``Card``) on each post (a thread or reply with a
    ``body``), resolving the links of all of them together. ``reader`` is accepted for
    the day cards depend on who reads; today only public targets unfurl."""
    hosts = _hub_hosts()
    per_post = [hub_paths(post.body, hosts) for post in posts]
    everything = {path for paths in per_post for path in paths}
    cards = _resolve(everything) if everything else {}
    for post, paths in zip(posts, per_post, strict=True):
        post.cards = [cards[path] for path in paths if path in cards][:MAX_CARDS]
