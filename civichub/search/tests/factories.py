"""Content to search for, and helpers to index it and read the results page."""

import datetime
import json
from typing import Any

from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from civichub.cms.models import NewsPage
from civichub.cms.tests.factories import news_index, news_page
from civichub.experiences.models import Experience
from civichub.experiences.tests.factories import ExperienceFactory
from civichub.organisations.models import Organisation
from civichub.organisations.tests.factories import OrganisationFactory

from ..services import index_missing

URL = "/cerca/"


def day(n: int) -> datetime.datetime:
    return datetime.datetime(2025, 1, n, 12, 0, tzinfo=datetime.UTC)


def experience(title: str, **fields: Any) -> Experience:
    """A published experience: the factory's text is replaced by neutral words, so that
    searches find only what a test writes."""
    values = {
        "summary": "Un percorso raccontato per le prove.",
        "narrative": "<p>Descrizione neutra.</p>",
        "published_at": day(1),
    }
    return ExperienceFactory.create(title=title, **{**values, **fields})


def organisation(name: str, **fields: Any) -> Organisation:
    values = {"summary": "Un ente di prova.", "description": ""}
    return OrganisationFactory.create(name=name, **{**values, **fields})


def news(title: str, *, n: int, text: str = "Testo neutro.", **fields: Any) -> NewsPage:
    values = {
        "title": title,
        "summary": "Sommario neutro.",
        "body": json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}]),
        "date": timezone.localdate() - datetime.timedelta(days=n),
    }
    return news_page(news_index(), n=n, **{**values, **fields})


def restrict(page: NewsPage, restriction_type: str) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="segreta"
    )


def index_all() -> None:
    """Documents for whatever the test created (its saves ran inside the test's
    transaction, whose on-commit tasks never run)."""
    index_missing()


def search(client: Client, q: str = "", **params: str) -> Any:
    return client.get(URL, {"q": q, **params})


def titles(response: Any) -> list[str]:
    page = response.context["page_obj"]
    return [hit.document.title for hit in page.object_list]
