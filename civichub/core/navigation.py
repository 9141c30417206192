"""The main navigation: one entry per capability in DESIGN.md.

An entry is shown only once its app is installed and its page resolves, so each
section appears in the header when the app that serves it lands.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    app: str
    url_name: str = ""
    # For sections served by a Wagtail page rather than a Django view.
    url_resolver: Callable[[], str | None] | None = None

    def url(self) -> str | None:
        if not apps.is_installed(self.app):
            return None
        if self.url_resolver is not None:
            return self.url_resolver()
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


def _news_index_url() -> str | None:
    from civichub.cms.selectors import news_index_url

    return news_index_url()


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
    Section("news", _("Notizie"), "civichub.cms", url_resolver=_news_index_url),
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
