"""An issue as people read it: the e-mail (HTML and text) and the web version.

The intro is Wagtail rich text: expanded (page links become URLs), made absolute
(the e-mail is read outside the site), then sanitised again on output like every
rich text of the hub. The sections hold plain text only.
"""

import datetime
import re
from dataclasses import dataclass
from email.utils import parseaddr
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

from civichub.accounts.mail import absolute_url, hub_name
from civichub.core.html import sanitise_html

from .models import PREVIEW_TEXT, Issue, Subscriber

_ROOT_RELATIVE_HREF = re.compile(r'href="/(?!/)')
_BLOCKS = {"p", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr"}


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    summary: str
    date: datetime.date | None


@dataclass(frozen=True)
class Section:
    heading: str
    items: list[Item]


@dataclass(frozen=True)
class IssueContent:
    subject: str
    intro_html: SafeString
    intro_text: str
    sections: list[Section]


class _TextConverter(HTMLParser):
    """Sanitised rich text to plain text: paragraphs, bullets, links as "text (URL)"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: list[str] = []
        self._counters: list[int | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "ol":
            self._counters.append(0)
        elif tag == "ul":
            self._counters.append(None)
        elif tag == "li":
            counter = self._counters[-1] if self._counters else None
            if counter is None:
                self.parts.append("\n- ")
            else:
                self._counters[-1] = counter + 1
                self.parts.append(f"\n{counter + 1}. ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self._href.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self._counters:
            self._counters.pop()
        elif tag == "a" and self._href:
            href = self._href.pop()
            if href and not href.startswith("#"):
                self.parts.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [line.strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    converter = _TextConverter()
    converter.feed(html)
    converter.close()
    return converter.text()


def rich_text_for_email(value: str) -> str:
    expanded = expand_db_html(value or "")
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return sanitise_html(_ROOT_RELATIVE_HREF.sub(f'href="{base}/', expanded))


def _english() -> bool:
    return (translation.get_language() or "it").startswith("en")


def issue_content(issue: Issue) -> IssueContent:
    """The issue in the active language: English where filled in, Italian otherwise."""
    english = _english()
    intro = rich_text_for_email((issue.intro_en if english else "") or issue.intro)
    sections = []
    for block in issue.sections:
        value = block.value
        items = [
            Item(
                title=(english and item.get("title_en")) or item["title"],
                url=item["url"],
                summary=(english and item.get("summary_en")) or item.get("summary") or "",
                date=item.get("date"),
            )
            for item in value["items"]
        ]
        if items:
            heading = (english and value.get("heading_en")) or value["heading"]
            sections.append(Section(heading=heading, items=items))
    return IssueContent(
        subject=issue.tr_subject,
        intro_html=mark_safe(intro),  # noqa: S308 - sanitised by rich_text_for_email
        intro_text=html_to_text(intro),
        sections=sections,
    )


def unsubscribe_mailbox() -> str:
    """Where ``mailto:`` unsubscribe requests go: a mailbox that someone reads."""
    from civichub.cms.models import HubSettings

    configured = getattr(settings, "NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
    return (
        configured or HubSettings.load().contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    )


def unsubscribe_url(token: str) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def unsubscribe_headers(token: str, mailbox: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients show an unsubscribe button and POST
    ``List-Unsubscribe=One-Click`` to the HTTPS address, with no cookie or form."""
    targets = [f"<{unsubscribe_url(token)}>"]
    if mailbox:
        targets.append(f"<mailto:{mailbox}?subject={quote(f'unsubscribe {token}')}>")
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<newsletter.{host}>",
    }


class IssueMailer:
    """Builds one message per subscriber; what depends only on the language is
    rendered once per language."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.hub = hub_name()
        self.mailbox = unsubscribe_mailbox()
        self.from_email = getattr(settings, "NEWSLETTER_FROM_EMAIL", settings.DEFAULT_FROM_EMAIL)
        self._content: dict[str, IssueContent] = {}

    def context(self, language: str, token: str) -> dict[str, Any]:
        with translation.override(language):
            if language not in self._content:
                self._content[language] = issue_content(self.issue)
            content = self._content[language]
        return {
            "issue": self.issue,
            "content": content,
            "hub_name": self.hub,
            "language": language,
            "web_url": absolute_url(self.issue.get_absolute_url()),
            "subscribe_url": absolute_url(reverse("newsletter:subscribe")),
            "unsubscribe_url": unsubscribe_url(token),
        }

    def render(self, language: str, token: str) -> tuple[str, str, str]:
        context = self.context(language, token)
        with translation.override(language):
            text = render_to_string("newsletter/email/issue.txt", context)
            html = render_to_string("newsletter/email/issue.html", context)
        return context["content"].subject, text, html

    def message(self, subscriber: Subscriber, connection: Any = None) -> EmailMultiAlternatives:
        subject, text, html = self.render(subscriber.language, subscriber.token)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=self.from_email,
            to=[subscriber.email],
            headers=unsubscribe_headers(subscriber.token, self.mailbox),
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message


def render_preview(issue: Issue, mode: str) -> HttpResponse:
    """The back office's live preview: the e-mail as a subscriber would get it, with a
    placeholder unsubscribe link."""
    mailer = IssueMailer(issue)
    language = "it" if mode == PREVIEW_TEXT else mode
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    _subject, text, html = mailer.render(language, "anteprima")
    if mode == PREVIEW_TEXT:
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    response = HttpResponse(html)
    # E-mail clients need inline styles; this page is shown only inside the back office.
    response._csp_update = {"style-src": ["'unsafe-inline'"]}  # type: ignore[attr-defined]
    return response
