"""The month's new library resources in the digest: live and public only, by publication
date, newest first, absolute links, at most MAX_ITEMS, between experiences and news."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from civichub.cms.tests.factories import news_index, news_page
from civichub.experiences.tests.factories import ExperienceFactory
from civichub.library.models import ResourceKind
from civichub.library.tests.factories import resource

from .. import sources
from ..services import issue_compose

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2025, 10, 1)
OCTOBER_END = datetime.date(2025, 10, 31)


@pytest.fixture(autouse=True)
def _november() -> object:
    with time_machine.travel(datetime.datetime(2025, 11, 3, 9, tzinfo=ZoneInfo("Europe/Rome"))):
        yield


def october(day: int) -> datetime.date:
    return datetime.date(2025, 10, day)


def test_the_month_s_live_public_resources_newest_first() -> None:
    resource(ResourceKind.GUIDE, title="Primo giorno", slug="primo", publication_date=october(1))
    resource(
        ResourceKind.WEBINAR, title="Ultimo giorno", slug="ultimo", publication_date=october(31)
    )
    resource(
        ResourceKind.PODCAST,
        title="Episodio di metà mese",
        slug="episodio",
        publication_date=october(15),
        summary="Ascolta la puntata.",
        summary_en="Listen to the episode.",
        title_en="Mid-month episode",
    )
    resource(title="Fine settembre", publication_date=datetime.date(2025, 9, 30))
    resource(title="Inizio novembre", publication_date=datetime.date(2025, 11, 1))
    resource(title="Bozza di ottobre", publication_date=october(10), live=False)
    reserved = resource(title="Solo soci", publication_date=october(12))
    PageViewRestriction.objects.create(page=reserved, restriction_type=PageViewRestriction.LOGIN)

    items = sources.published_resources(OCTOBER, OCTOBER_END)

    assert [item.title for item in items] == [
        "Ultimo giorno",
        "Episodio di metà mese",
        "Primo giorno",
    ]
    assert items[0].url == "https://hub.example.it/strumenti/ultimo/"
    assert items[0].date == october(31)
    episode = items[1]
    assert episode.url.startswith("https://hub.example.it/strumenti/podcast-")
    assert episode.url.endswith("/episodio/")
    assert (episode.title_en, episode.summary, episode.summary_en) == (
        "Mid-month episode",
        "Ascolta la puntata.",
        "Listen to the episode.",
    )


def test_at_most_max_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ITEMS", 2)
    for day in (3, 4, 5):
        resource(title=f"Strumento del {day}", publication_date=october(day))

    items = sources.published_resources(OCTOBER, OCTOBER_END)

    assert [item.title for item in items] == ["Strumento del 5", "Strumento del 4"]


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        sources.published_resources(OCTOBER, OCTOBER_END)
    return len(queries)


def test_queries_do_not_grow_with_the_resources() -> None:
    for day in (1, 2):
        resource(title=f"Strumento {day}", publication_date=october(day))
    _queries()  # fills the site root paths cache
    with_two = _queries()
    for day in range(3, 13):
        resource(title=f"Strumento {day}", publication_date=october(day))

    assert _queries() == with_two
    assert len(sources.published_resources(OCTOBER, OCTOBER_END)) == 12


def test_the_issue_has_a_section_of_new_tools_between_experiences_and_news() -> None:
    ExperienceFactory.create(
        title="Esperienza di ottobre",
        published_at=datetime.datetime(2025, 10, 8, 12, tzinfo=datetime.UTC),
    )
    resource(title="Guida di ottobre", slug="guida-ottobre", publication_date=october(9))
    news_page(news_index(), n=1, title="Notizia di ottobre", date=october(10))

    issue, _ = issue_compose(period=october(20))

    sections = [
        (block.value["heading"], [item["title"] for item in block.value["items"]])
        for block in issue.sections
    ]
    assert sections == [
        ("Nuove esperienze", ["Esperienza di ottobre"]),
        ("Nuovi strumenti", ["Guida di ottobre"]),
        ("Notizie", ["Notizia di ottobre"]),
    ]
    tool = issue.sections[1].value["items"][0]
    assert tool["url"] == "https://hub.example.it/strumenti/guida-ottobre/"
    assert tool["date"] == october(9)
