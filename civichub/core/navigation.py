"""The main navigation: one entry per capability in DESIGN.md.

An entry is shown only once its app is installed and its page resolves, so each
section appears in the header when the app that serves it lands.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@cache
def optional_url(name: str) -> str | None:
    """The URL named ``name``, or None while no installed app serves it.

    Cached: the URLconf is fixed for the life of the process, and a failed reverse
    raises an exception, which is not something to do on every request."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    app: str
    url_name: str = ""
    # For sections served by a Wagtail page rather than a Django view: the dotted
    # path of a function returning the URL (or None while the page does not exist).
    url_resolver: str = ""

    def url(self) -> str | None:
        if not apps.is_installed(self.app):
            return None
        if self.url_resolver:
            resolver: Callable[[], str | None] = import_string(self.url_resolver)
            return resolver()
        return optional_url(self.url_name)


SECTIONS: tuple[Section, ...] = (
    Section("experiences", _("Esperienze"), "civichub.experiences", "experiences:list"),
    Section("library", _("Strumenti"), "civichub.library", "library:index"),
    Section("communities", _("Comunità"), "civichub.communities", "communities:index"),
    Section("events", _("Eventi"), "civichub.events", "events:list"),
    Section("participation", _("Partecipa"), "civichub.participation", "participation:index"),
    Section("codesign", _("Co-progettazione"), "civichub.codesign", "codesign:index"),
    Section("programmes", _("Programmi"), "civichub.programmes", "programmes:index"),
    Section("crowdfunding", _("Campagne"), "civichub.crowdfunding", "crowdfunding:index"),
    Section("helpdesk", _("Sportello"), "civichub.helpdesk", "helpdesk:index"),
    Section("organisations", _("Organizzazioni"), "civichub.organisations", "organisations:list"),
    Section(
        "news", _("Notizie"), "civichub.cms", url_resolver="civichub.cms.selectors.news_index_url"
    ),
)


def main_navigation(current_path: str) -> list[dict]:
    items = []
    for section in SECTIONS:
        url = section.url()
        if not url:
            continue
        items.append(
            {
                "key": section.key,
                "label": section.label,
                "url": url,
                "active": current_path.startswith(url),
            }
        )
    return items
