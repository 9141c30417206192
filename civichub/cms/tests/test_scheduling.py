"""Scheduled publishing: an approved go-live date queues the publishing task for that
moment; running it then publishes the page (any page type)."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend
from wagtail.models import Page

from civichub.cms.tasks import publish_scheduled_pages

from .factories import news_index, news_page

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
GO_LIVE = NOW + datetime.timedelta(days=2)


def _queued() -> list:
    """What the dummy backend holds of ours (Wagtail queues index updates too)."""
    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return [result for result in backend.results if result.task.name == "publish_scheduled_pages"]


def _schedule(n: int = 1) -> Page:
    """A draft news item approved for publication at GO_LIVE."""
    page = news_page(news_index(), n=n, live=False)
    page.go_live_at = GO_LIVE
    page.save_revision().publish()
    return page


@time_machine.travel(NOW, tick=False)
def test_an_approved_schedule_queues_the_task_for_that_time(django_capture_on_commit_callbacks):
    with override_settings(TASKS=DUMMY):
        with django_capture_on_commit_callbacks(execute=True):
            page = _schedule()
        queued = _queued()

    assert [result.task.run_after for result in queued] == [GO_LIVE]
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == GO_LIVE


@time_machine.travel(NOW, tick=False)
def test_nothing_is_queued_without_a_schedule(django_capture_on_commit_callbacks):
    with override_settings(TASKS=DUMMY):
        with django_capture_on_commit_callbacks(execute=True):
            news_page(news_index(), n=2)
        assert _queued() == []


@time_machine.travel(NOW, tick=False)
def test_a_backend_that_cannot_defer_leaves_it_to_cron(django_capture_on_commit_callbacks):
    # The test backend runs tasks at once: queueing with run_after would raise
    # InvalidTaskError when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        page = _schedule()
    page.refresh_from_db()
    assert not page.live


def test_running_the_task_after_the_time_publishes_the_page():
    with time_machine.travel(NOW, tick=False):
        page = _schedule()
        publish_scheduled_pages.call()
        page.refresh_from_db()
        assert not page.live  # not yet

    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=1), tick=False):
        publish_scheduled_pages.call()
        page.refresh_from_db()
        assert page.live
        assert page.first_published_at == timezone.now()
