"""Composing a month's draft from the digest sources, by a promoter or by the monthly
command: only what was published that month, once per month."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory
from civichub.cms.tests.factories import news_index, news_page
from civichub.experiences.models import State
from civichub.experiences.tests.factories import DraftFactory, ExperienceFactory

from .. import digest
from ..digest import DigestItem, register_digest_source
from ..models import Issue, IssueStatus
from ..services import issue_compose

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
OCTOBER = datetime.date(2025, 10, 1)


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ROME)


def items(issue: Issue) -> dict[str, list[str]]:
    return {
        block.value["heading"]: [item["title"] for item in block.value["items"]]
        for block in issue.sections
    }


def test_a_draft_holds_what_was_published_in_the_month_only() -> None:
    for title, published in [
        ("Primo minuto di ottobre", at(2025, 10, 1, 0, 30)),
        ("Ultima sera di ottobre", at(2025, 10, 31, 23, 30)),
        ("Fine settembre", at(2025, 9, 30, 23, 50)),
        ("Inizio novembre", at(2025, 11, 1, 0, 10)),
    ]:
        ExperienceFactory.create(title=title, published_at=published)
    DraftFactory.create(title="Bozza di ottobre")
    ExperienceFactory.create(
        title="Ritirata a ottobre", state=State.DRAFT, published_at=at(2025, 10, 10, 12)
    )
    index = news_index()
    news_page(index, n=1, title="Notizia di ottobre", date=datetime.date(2025, 10, 15))
    news_page(index, n=2, title="Notizia di settembre", date=datetime.date(2025, 9, 15))
    news_page(
        index, n=3, title="Ottobre non pubblicata", date=datetime.date(2025, 10, 20), live=False
    )

    issue, created = issue_compose(
        period=datetime.date(2025, 10, 17), actor=PromoterFactory.create()
    )

    assert created
    assert issue.period == OCTOBER
    assert issue.status == IssueStatus.DRAFT
    assert items(issue) == {
        "Nuove esperienze": ["Ultima sera di ottobre", "Primo minuto di ottobre"],
        "Notizie": ["Notizia di ottobre"],
    }
    first = issue.sections[0].value["items"][0]
    assert first["url"].startswith("https://hub.example.it/esperienze/")
    assert first["date"] == datetime.date(2025, 10, 31)
    news = issue.sections[1].value["items"][0]
    assert news["url"] == "https://hub.example.it/notizie/notizia-1/"
    assert "ottobre 2025" in issue.subject
    assert "October 2025" in issue.subject_en
    assert "ottobre 2025" in issue.intro


def test_composing_twice_gives_the_same_issue() -> None:
    ExperienceFactory.create(published_at=at(2025, 10, 5, 12))
    first, created = issue_compose(period=OCTOBER)
    ExperienceFactory.create(published_at=at(2025, 10, 6, 12))

    again, created_again = issue_compose(period=datetime.date(2025, 10, 30))

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Issue.objects.count() == 1
    assert len(again.sections[0].value["items"]) == 1


def test_a_month_with_nothing_published_gives_an_empty_draft() -> None:
    issue, _ = issue_compose(period=OCTOBER)

    assert list(issue.sections) == []
    assert issue.intro


def test_a_future_month_cannot_be_composed() -> None:
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)

    with pytest.raises(ValidationError) as error:
        issue_compose(period=next_month)

    assert error.value.code == "future_period"


def test_only_promoters_compose() -> None:
    with pytest.raises(PermissionDenied):
        issue_compose(period=OCTOBER, actor=ContributorFactory.create())
    assert not Issue.objects.exists()


def test_a_registered_source_becomes_a_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digest, "DIGEST_SOURCES", dict(digest.DIGEST_SOURCES))
    seen: list[tuple[datetime.date, datetime.date]] = []

    def upcoming(start: datetime.date, end: datetime.date) -> list[DigestItem]:
        seen.append((start, end))
        return [DigestItem(title="Laboratorio", url="https://hub.example.it/eventi/lab/")]

    register_digest_source("events", "Prossimi eventi", upcoming, order=5)

    issue, _ = issue_compose(period=OCTOBER)

    assert seen == [(OCTOBER, datetime.date(2025, 10, 31))]
    assert items(issue) == {"Prossimi eventi": ["Laboratorio"]}


def command(*args: str) -> str:
    out = io.StringIO()
    call_command("compose_newsletter", *args, stdout=out)
    return out.getvalue()


def test_the_monthly_command_composes_last_month_once() -> None:
    first = command()
    second = command()

    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    assert Issue.objects.get().period == last_month
    assert "Bozza composta" in first
    assert "esiste già" in second


def test_the_command_takes_a_month() -> None:
    assert "Bozza composta" in command("--month", "2025-10")
    assert Issue.objects.get().period == OCTOBER
    with pytest.raises(CommandError):
        command("--month", "ottobre")
