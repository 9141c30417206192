"""The self-scheduling digest task, and the migration of experiences' follows."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from civichub.accounts.models import NotificationPreference, QueuedNotification
from civichub.accounts.tests.factories import UserFactory

from .. import services
from ..digests import digests_schedule, next_run
from ..tasks import notification_digests

ROME = datetime.timezone(datetime.timedelta(hours=1))  # winter time
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_next_run_is_seven_in_rome():
    wednesday_noon = datetime.datetime(2026, 1, 14, 12, 0, tzinfo=ROME)
    assert next_run("daily", wednesday_noon) == datetime.datetime(2026, 1, 15, 7, 0, tzinfo=ROME)
    assert next_run("weekly", wednesday_noon) == datetime.datetime(2026, 1, 19, 7, 0, tzinfo=ROME)
    early_monday = datetime.datetime(2026, 1, 19, 6, 0, tzinfo=ROME)
    assert next_run("daily", early_monday) == datetime.datetime(2026, 1, 19, 7, 0, tzinfo=ROME)
    assert next_run("weekly", early_monday) == datetime.datetime(2026, 1, 19, 7, 0, tzinfo=ROME)


@pytest.mark.django_db
def test_immediate_backend_schedules_nothing():
    assert digests_schedule() == []


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
@time_machine.travel(datetime.datetime(2026, 1, 14, 12, 0, tzinfo=ROME), tick=False)
def test_scheduling_is_idempotent():
    assert digests_schedule() == ["daily", "weekly"]
    assert digests_schedule() == []  # one pending run per frequency, never two
    runs = {
        row.args_kwargs["kwargs"]["frequency"]: row.run_after
        for row in DBTaskResult.objects.filter(task_path=notification_digests.module_path)
    }
    assert runs == {
        "daily": datetime.datetime(2026, 1, 15, 7, 0, tzinfo=ROME),
        "weekly": datetime.datetime(2026, 1, 19, 7, 0, tzinfo=ROME),
    }


# Serialized rollback: the flush after a transactional test must not recreate content
# types under new ids, or the browser tests after it cannot restore theirs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DB_TASKS)
def test_the_task_sends_the_digest_and_schedules_the_next_run():
    person = UserFactory.create()
    NotificationPreference.objects.create(user=person, kind="replies", frequency="daily")
    services.notify(
        users=[person], kind="replies", text="Nuova risposta.", url="/", group_key="t:1"
    )
    services.notify(
        users=[person], kind="replies", text="Altra risposta.", url="/", group_key="t:1"
    )
    with time_machine.travel(datetime.datetime(2026, 1, 15, 7, 0, tzinfo=ROME), tick=False):
        # The task's body, as the worker runs it.
        assert notification_digests.call(frequency="daily") == 1
    assert not QueuedNotification.objects.exists()
    # The digest went to the queue as a mail task (the database backend defers it).
    [digest] = [
        row.args_kwargs["kwargs"]
        for row in DBTaskResult.objects.filter(task_path__endswith="send_mail_task")
    ]
    assert digest["to"] == [person.email]
    assert "Altra risposta." in digest["text_body"]
    assert "(2 aggiornamenti)" in digest["text_body"]
    assert digest["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    pending = DBTaskResult.objects.filter(
        task_path=notification_digests.module_path, status="READY"
    )
    assert {row.args_kwargs["kwargs"]["frequency"] for row in pending} == {"daily", "weekly"}


# Serialized rollback: the flush after a transactional test must not recreate content
# types under new ids, or the browser tests after it cannot restore theirs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_experience_follows_are_copied_into_follow():
    executor = MigrationExecutor(connection)
    before = [("experiences", "0001_initial"), ("notifications", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User = old.get_model("accounts", "User")
    Experience = old.get_model("experiences", "Experience")
    ExperienceFollow = old.get_model("experiences", "ExperienceFollow")
    user = User.objects.create(email="segue@example.org", public_id="ABCDEFGHJKMN")
    experience = Experience.objects.create(title="Orti", slug="orti-migrazione", summary="s")
    ExperienceFollow.objects.create(user=user, experience=experience)

    executor = MigrationExecutor(connection)
    executor.migrate([("experiences", "0002_drop_experience_follow")])
    new = (
        MigrationExecutor(connection)
        .loader.project_state([("experiences", "0002_drop_experience_follow")])
        .apps
    )
    Follow = new.get_model("notifications", "Follow")
    [row] = Follow.objects.all()
    assert (row.user_id, row.object_id) == (user.pk, experience.pk)
    assert row.content_type.model == "experience"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
