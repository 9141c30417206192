"""The public archive of sent issues and their web version."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from civichub.cms.models import HubSettings

from ..models import IssueStatus
from .factories import IssueFactory, SentIssueFactory

pytestmark = pytest.mark.django_db

ARCHIVE = "/newsletter/numeri/"


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_archive_lists_sent_issues_only(client: Client) -> None:
    SentIssueFactory.create(subject="Numero inviato")
    IssueFactory.create(subject="Bozza segreta")
    IssueFactory.create(subject="In invio", status=IssueStatus.SENDING)

    response = client.get(ARCHIVE)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Numero inviato" in content
    assert "Bozza segreta" not in content
    assert "In invio" not in content
    assert not response.cookies  # the page cache may keep it


def test_the_archive_costs_the_same_queries_whatever_its_length(client: Client) -> None:
    SentIssueFactory.create_batch(3)
    HubSettings.load()  # created on first use, which empties the navigation's caches
    client.get(ARCHIVE)  # fills them
    few = queries(client, ARCHIVE)
    SentIssueFactory.create_batch(30)

    assert queries(client, ARCHIVE) == few
    assert queries(client, ARCHIVE + "?pagina=2") == few
    assert client.get(ARCHIVE + "?pagina=abc").status_code == 200


def test_the_web_version_of_a_sent_issue(client: Client) -> None:
    issue = SentIssueFactory.create(period=datetime.date(2025, 10, 1), subject="Ottobre insieme")

    response = client.get("/newsletter/numeri/2025-10/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ottobre insieme" in content
    assert 'href="https://hub.example.it/esperienze/orti/"' in content
    assert issue.get_absolute_url() == "/newsletter/numeri/2025-10/"


def test_the_web_version_follows_the_visitors_language(client: Client) -> None:
    SentIssueFactory.create(period=datetime.date(2025, 10, 1), subject_en="Together in October")
    client.cookies["civichub_language"] = "en"

    content = client.get("/newsletter/numeri/2025-10/").content.decode()

    assert "Together in October" in content
    assert "Orti condivisi (EN)" in content


@pytest.mark.parametrize("period", ["2025-11", "2025-12", "2025-13", "abcd-ef", "2025-1", "9" * 40])
def test_drafts_and_wrong_months_are_not_found(client: Client, period: str) -> None:
    IssueFactory.create(period=datetime.date(2025, 11, 1))
    IssueFactory.create(period=datetime.date(2025, 12, 1), status=IssueStatus.SENDING)

    assert client.get(f"/newsletter/numeri/{period}/").status_code == 404


def test_the_subscribe_page_links_the_latest_issue(client: Client) -> None:
    SentIssueFactory.create(period=datetime.date(2025, 9, 1), subject="Settembre")
    SentIssueFactory.create(period=datetime.date(2025, 10, 1), subject="Ottobre")

    content = client.get("/newsletter/").content.decode()

    assert 'href="/newsletter/numeri/2025-10/">Ottobre' in content


def test_the_footer_links_the_newsletter(client: Client, settings: Any) -> None:
    assert 'href="/newsletter/"' in client.get(ARCHIVE).content.decode()
