"""Publishing that happens later: a proposal approved with a go-live date is queued for
that moment and published by the cms task; publishing a document or an episode queues
the refresh of its derivatives once the transaction commits."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import override_settings
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from wagtail.models import WorkflowState

from civichub.accounts.models import PROMOTERS_GROUP
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory
from civichub.cms.tasks import publish_scheduled_pages
from civichub.taxonomy.models import Theme

from .. import services
from .factories import library_index, resource

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
GO_LIVE = NOW + datetime.timedelta(days=3)


def queued(name: str) -> list:
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return [result for result in backend.results if result.task.name == name]


@time_machine.travel(NOW, tick=False)
def test_a_proposal_approved_for_later_is_published_then(django_capture_on_commit_callbacks):
    library_index()
    proposer = ContributorFactory.create()
    reviewer = PromoterFactory.create()
    reviewer.groups.add(Group.objects.get(name=PROMOTERS_GROUP))
    page = services.resource_propose(
        actor=proposer,
        data={
            "kind": "guide", "title": "Guida di marzo", "summary": "Esce a marzo.",
            "themes": list(Theme.objects.all()[:1]), "methods": [], "phase": "",
            "audiences": [], "level": "intro", "language": "it", "licence": "CC-BY-4.0",
            "authors": "", "organisation": None, "text": "Testo.",
        },
    )  # fmt: skip
    # The reviewer schedules it in the editor, then approves.
    page.go_live_at = GO_LIVE
    page.save_revision(user=reviewer)
    task_state = WorkflowState.objects.get().current_task_state
    with override_settings(TASKS=DUMMY):
        with django_capture_on_commit_callbacks(execute=True):
            task_state.task.specific.on_action(task_state, reviewer, "approve")
        runs = [result.task.run_after for result in queued("publish_scheduled_pages")]
        # E-mail is queued too (the dummy backend keeps it).
        (message,) = [
            r.kwargs for r in queued("send_mail_task") if r.kwargs["to"] == [proposer.email]
        ]

    assert runs == [GO_LIVE]
    page.refresh_from_db()
    assert not page.live
    assert "sarà pubblicato il 5 marzo 2026" in message["text_body"]
    assert f"/strumenti/{page.slug}/" not in message["text_body"]

    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages.call()
    page.refresh_from_db()
    assert page.live


@pytest.mark.parametrize(("kind", "refreshed"), [("document", True), ("guide", False)])
def test_publishing_a_document_queues_its_derivatives(
    kind, refreshed, django_capture_on_commit_callbacks
):
    page = resource(kind, live=False)
    with override_settings(TASKS=DUMMY):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            page.save_revision().publish()
            assert queued("refresh_derivatives") == []  # not before the commit
        for callback in callbacks:
            callback()
        calls = [result.kwargs for result in queued("refresh_derivatives")]
    assert calls == ([{"page_id": page.pk}] if refreshed else [])


def test_publishing_an_episode_queues_its_duration(django_capture_on_commit_callbacks):
    episode = resource("podcast", live=False)
    with override_settings(TASKS=DUMMY):
        with django_capture_on_commit_callbacks(execute=True):
            episode.save_revision().publish()
        calls = [result.kwargs for result in queued("refresh_derivatives")]
    assert calls == [{"page_id": episode.pk}]
