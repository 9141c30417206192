"""The moderation workflow of proposals: reviewers decide with Wagtail's workflow API,
the proposer hears the outcome from us (never Wagtail's back-office message), promoters
hear of each submission once, and «Le mie proposte» shows where each proposal stands."""

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import WorkflowState

from civichub.accounts.models import PROMOTERS_GROUP, User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory
from civichub.taxonomy.models import Theme

from .. import services
from ..models import ResourcePage
from .factories import library_index, resource

pytestmark = pytest.mark.django_db

MINE = "/strumenti/mie/"


@pytest.fixture
def index():
    return library_index()


@pytest.fixture
def promoter() -> User:
    user = PromoterFactory.create()
    user.groups.add(Group.objects.get(name=PROMOTERS_GROUP))
    return user


@pytest.fixture
def proposer() -> User:
    return ContributorFactory.create(language="it")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def propose(actor: User, title: str = "Guida al world café") -> ResourcePage:
    return services.resource_propose(
        actor=actor,
        data={
            "kind": "guide",
            "title": title,
            "summary": "Come organizzarlo.",
            "themes": list(Theme.objects.all()[:1]),
            "methods": [],
            "phase": "",
            "audiences": [],
            "level": "intro",
            "language": "it",
            "licence": "CC-BY-4.0",
            "authors": "",
            "organisation": None,
            "text": "Un testo.",
        },
    )


def decide(page: ResourcePage, reviewer: User, action: str, **kwargs: Any) -> None:
    state = WorkflowState.objects.get(object_id=str(page.pk), status__in=["in_progress"])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, action, **kwargs)


def to(user: User) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_approval_publishes_and_tells_the_proposer(index, proposer, promoter, committed):
    with committed():
        page = propose(proposer)
    mail.outbox.clear()

    with committed():
        decide(page, promoter, "approve", comment="Ottimo lavoro.")

    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    (message,) = to(proposer)  # ours only: Wagtail's "approved" e-mail is not sent
    assert "è pubblicato" in message.subject
    assert f"/strumenti/{page.slug}/" in message.body
    assert message.body.count("http") == 1
    assert "/admin/" not in message.body
    assert "Ottimo lavoro." in message.body

    client = Client()
    client.force_login(proposer)
    html = client.get(MINE).content.decode()
    assert "Pubblicato" in html
    assert f'href="/strumenti/{page.slug}/"' in html


def test_changes_requested_send_the_comment(index, proposer, promoter, committed):
    with committed():
        page = propose(proposer)
    mail.outbox.clear()

    with committed():
        decide(page, promoter, "reject", comment="Aggiungi le fonti dei dati.")

    page.refresh_from_db()
    assert not page.live
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    (message,) = to(proposer)
    assert "Modifiche richieste" in message.subject
    assert "Aggiungi le fonti dei dati." in message.body
    assert "/strumenti/mie/" in message.body
    assert "/admin/" not in message.body

    client = Client()
    client.force_login(proposer)
    html = client.get(MINE).content.decode()
    assert "Da modificare" in html
    assert "Aggiungi le fonti dei dati." in html


def test_promoters_hear_of_each_submission_by_their_preference(index, proposer, committed):
    immediate = PromoterFactory.create()
    silent = PromoterFactory.create()
    silent.notification_preferences.create(kind="moderation", frequency="never")
    moderator = UserFactory.create()  # a back-office reviewer who is not a promoter
    moderator.groups.add(Group.objects.get(name="Moderators"))

    with committed():
        page = propose(proposer)

    assert len(to(immediate)) == 1
    assert to(silent) == []
    # Wagtail's own "submitted" message still reaches back-office reviewers.
    assert len(to(moderator)) == 1
    assert page.title in to(moderator)[0].subject

    # Changes requested, then resubmitted by a reviewer in the back office: the
    # promoters hear of it again; the reviewer who resubmitted gets nothing.
    decide(page, immediate, "reject", comment="Manca la bibliografia.")
    mail.outbox.clear()
    with committed():
        WorkflowState.objects.get().resume(user=moderator)
    assert len(to(immediate)) == 1
    assert to(moderator) == []


def test_wagtail_messages_still_reach_back_office_requesters(index, promoter, committed):
    editor = UserFactory.create(is_staff=True, is_superuser=True)
    draft = resource("guide", live=False, title="Scritta in redazione")
    with committed():
        draft.get_workflow().start(draft, editor)
    mail.outbox.clear()

    decide(draft, promoter, "approve")

    assert len(to(editor)) == 1  # Wagtail's message, for a page not proposed from the site
    draft.refresh_from_db()
    assert draft.live


def test_my_proposals_by_state(index, proposer, promoter):
    in_review = propose(proposer, "In revisione")
    published = propose(proposer, "Pubblicata")
    decide(published, promoter, "approve")
    to_change = propose(proposer, "Da cambiare")
    decide(to_change, promoter, "reject", comment="Più esempi, per favore.")
    withdrawn = propose(proposer, "Ritirata")
    WorkflowState.objects.get(object_id=str(withdrawn.pk)).cancel(user=promoter)
    someone_else = propose(ContributorFactory.create(), "Di un'altra persona")

    client = Client()
    client.force_login(proposer)
    response = client.get(MINE)
    html = response.content.decode()

    states = {row.resource.pk: row.state.key for row in response.context["rows"]}
    assert states == {
        in_review.pk: "in_review",
        published.pk: "published",
        to_change.pk: "changes_requested",
        withdrawn.pk: "draft",
    }
    assert someone_else.title not in html
    assert "Più esempi, per favore." in html
    assert "non si modificano dal sito" in html
    assert html.count('href="/strumenti/pubblicata/"') == 1


def test_my_proposals_cost_the_same_queries_for_2_and_12(index, proposer):
    def add_drafts(count: int) -> None:
        for _ in range(count):
            page = resource("guide", live=False, proposed_by=proposer)
            page.get_workflow().start(page, proposer)

    def measure() -> int:
        # A cold cache each time (navigation and site URLs are cached), and an empty
        # query log: page creation fills Django's capped log.
        cache.clear()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(MINE)
        assert response.status_code == 200
        return len(queries)

    client = Client()
    client.force_login(proposer)
    resource("guide", proposed_by=proposer)  # and one published
    add_drafts(1)
    client.get(MINE)  # creates the hub's settings row on first use
    few = measure()
    add_drafts(10)
    assert len(client.get(MINE).context["rows"]) == 12
    assert measure() == few


def test_no_proposals_yet(index, proposer):
    client = Client()
    client.force_login(proposer)
    html = client.get(MINE).content.decode()
    assert "Non hai ancora proposto nessuno strumento." in html
    assert 'href="/strumenti/proponi/"' in html
