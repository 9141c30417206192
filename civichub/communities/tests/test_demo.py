"""The demo communities: five thematic areas and the promoters' workspace, at least 60
discussions and 400 replies with counters that match the rows, accepted answers, pinned
and locked threads, a held reply and a report, shared files with two versions, a project
space with three revisions; a second run creates nothing."""

import time

import pytest
from django.db import transaction

from civichub.accounts import demo as accounts_demo
from civichub.moderation.models import ContentState, ModerationSettings, Report
from civichub.organisations import demo as organisations_demo
from civichub.territories import demo as territories_demo

from .. import demo
from ..models import (
    Area,
    AreaMembership,
    FileVersion,
    MemberState,
    ProjectComment,
    ProjectSpace,
    Reply,
    SharedFile,
    Thread,
    Visibility,
)


def _counts() -> dict[str, int]:
    return {
        "areas": Area.objects.count(),
        "memberships": AreaMembership.objects.count(),
        "threads": Thread.objects.count(),
        "replies": Reply.objects.count(),
        "files": SharedFile.objects.count(),
        "versions": FileVersion.objects.count(),
        "projects": ProjectSpace.objects.count(),
        "comments": ProjectComment.objects.count(),
        "reports": Report.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            for module in (territories_demo, accounts_demo, organisations_demo):
                module.seed(log=lambda message: None)
            lines: list[str] = []
            started = time.monotonic()
            demo.seed(lines.append)
            elapsed = time.monotonic() - started
            first = _counts()
            demo.seed(lines.append)
            yield {"lines": lines, "elapsed": elapsed, "first": first, "second": _counts()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def data(seeded, db):
    return seeded


def test_areas_members_and_the_workspace(data):
    areas = list(Area.objects.all())
    assert len(areas) == 6
    workspace = Area.objects.get(is_promoters_workspace=True)
    assert workspace.visibility == Visibility.PRIVATE
    thematic = [area for area in areas if not area.is_promoters_workspace]
    assert {area.visibility for area in thematic} == {Visibility.PUBLIC, Visibility.MEMBERS}
    assert len({area.join_policy for area in thematic}) >= 2
    for area in thematic:
        active = AreaMembership.objects.filter(area=area, state=MemberState.ACTIVE).count()
        assert 10 <= active <= 40
        assert area.members_count == active
        assert area.memberships.filter(role="facilitator").exists()


def test_discussions_volume_and_counters(data):
    assert Thread.objects.count() >= 60
    assert Reply.objects.count() >= 400
    for area in Area.objects.all():
        assert (
            area.threads_count == area.threads.filter(moderation_state=ContentState.VISIBLE).count()
        )
    for thread in Thread.objects.all()[:20]:
        visible = thread.replies.filter(moderation_state=ContentState.VISIBLE).count()
        assert thread.replies_count == visible


def test_accepted_pinned_locked_held_and_reported(data):
    assert Thread.objects.filter(accepted_reply__isnull=False).count() >= 5
    assert Thread.objects.filter(pinned_at__isnull=False).count() >= 2
    assert Thread.objects.filter(locked_at__isnull=False).count() == 1
    assert Reply.objects.filter(moderation_state=ContentState.HELD).count() == 1
    assert Report.objects.count() == 1
    # The limits lifted for the seed are back.
    assert ModerationSettings.load().posts_per_hour == 20


def test_files_and_project(data):
    assert SharedFile.objects.count() == 2
    assert all(shared.versions.count() == 2 for shared in SharedFile.objects.all())
    assert FileVersion.objects.filter(mime="application/pdf").count() == 4
    project = ProjectSpace.objects.get()
    assert project.revisions.count() == 3
    assert project.budget_lines.count() == 3
    assert ProjectComment.objects.filter(project=project).count() >= 3


def test_second_run_creates_nothing_and_is_quick(data):
    assert data["second"] == data["first"]
    print(f"communities demo: {data['elapsed']:.1f} s")
    assert data["elapsed"] < 60
