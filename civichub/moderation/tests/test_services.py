"""Moderation services: every action, state changes, mail, logs, bad input, double submit."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from civichub.accounts.models import NotificationPreference
from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.communities.tests.factories import facilitator
from civichub.experiences.models import State
from civichub.experiences.tests.factories import ExperienceFactory

from ..models import (
    ActionKind,
    ContentState,
    ModerationAction,
    Report,
    ReportStatus,
    Suspension,
)
from ..permissions import is_suspended
from ..services import (
    content_approve,
    content_hide,
    content_remove,
    content_restore,
    report_create,
    report_dismiss,
    user_suspend,
    user_unsuspend,
)
from .conftest import approved
from .factories import ReportFactory, SuspensionFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _actions(target):
    return list(
        ModerationAction.objects.filter(object_id=target.pk).values_list("action", flat=True)
    )


def _logged(verb):
    return ModelLogEntry.objects.filter(action=f"civichub.moderation.{verb}").count()


# --- reports ---------------------------------------------------------------------------


def test_report_create_records_scope_and_tells_moderators_once_per_target(committed):
    promoter = PromoterFactory.create(email="promotrice@example.org")
    thread = ThreadFactory.create()
    area_facilitator = facilitator(thread.area)
    with committed():
        report = report_create(
            reporter=UserFactory.create(), target=thread, reason="spam", note="  Link a un casinò. "
        )
    assert report.status == ReportStatus.OPEN
    assert report.scope == f"area:{thread.area_id}"
    assert report.note == "Link a un casinò."
    told = sorted(message.to[0] for message in mail.outbox)
    assert told == sorted([promoter.email, area_facilitator.email])
    assert "/moderazione/" in mail.outbox[0].body
    mail.outbox.clear()
    with committed():
        report_create(reporter=UserFactory.create(), target=thread, reason="offensive")
    assert mail.outbox == []  # one notification per target, not per report
    assert Report.objects.filter(status="open").count() == 2
    assert _logged("report") == 2


def test_moderators_who_chose_never_are_not_mailed(committed):
    promoter = PromoterFactory.create()
    NotificationPreference.objects.create(user=promoter, kind="moderation", frequency="never")
    with committed():
        report_create(reporter=UserFactory.create(), target=ThreadFactory.create(), reason="spam")
    assert mail.outbox == []


def test_a_second_report_by_the_same_person_returns_the_first():
    reporter, thread = UserFactory.create(), ThreadFactory.create()
    first = report_create(reporter=reporter, target=thread, reason="spam")
    second = report_create(reporter=reporter, target=thread, reason="offensive", note="Ancora")
    assert second.pk == first.pk
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("reason", "note", "field"),
    [
        ("", "", "reason"),
        ("boh", "", "reason"),
        ("other", "  ", "note"),
        ("spam", "x" * 1001, "note"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_saved(reason, note, field):
    with pytest.raises(ValidationError) as error:
        report_create(
            reporter=UserFactory.create(), target=ThreadFactory.create(), reason=reason, note=note
        )
    assert field in error.value.message_dict
    assert Report.objects.count() == 0


def test_nobody_reports_their_own_post_or_while_suspended():
    thread = ThreadFactory.create()
    with pytest.raises(PermissionDenied):
        report_create(reporter=thread.author, target=thread, reason="spam")
    suspended = SuspensionFactory.create().user
    with pytest.raises(PermissionDenied):
        report_create(reporter=suspended, target=thread, reason="spam")
    assert Report.objects.count() == 0


def test_report_dismiss_tells_the_reporter_and_only_once(committed):
    promoter = PromoterFactory.create()
    report = ReportFactory.create()
    with committed():
        report_dismiss(report=report, actor=promoter)
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED
    assert report.decided_by == promoter
    assert [m.to for m in mail.outbox] == [[report.reporter.email]]
    assert "lasciare il contenuto" in mail.outbox[0].body
    assert _actions(report.target) == [ActionKind.DISMISS]
    assert _logged("dismiss") == 1
    with pytest.raises(ValidationError):
        report_dismiss(report=report, actor=promoter)
    assert ModerationAction.objects.count() == 1


def test_report_dismiss_needs_a_moderator():
    report = ReportFactory.create()
    with pytest.raises(PermissionDenied):
        report_dismiss(report=report, actor=UserFactory.create())
    report.refresh_from_db()
    assert report.status == ReportStatus.OPEN


# --- actions on content ------------------------------------------------------------------


def test_hide_mails_the_author_the_reason_in_their_language_and_closes_reports(committed):
    author = UserFactory.create(language="en")
    thread = ThreadFactory.create(author=author)
    reports = ReportFactory.create_batch(2, target=thread)
    promoter = PromoterFactory.create()
    with committed():
        content_hide(
            target=thread, actor=promoter, reason="  Linguaggio offensivo verso un utente. "
        )
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.HIDDEN
    to_author = [m for m in mail.outbox if m.to == [author.email]]
    assert len(to_author) == 1
    assert "Linguaggio offensivo verso un utente." in to_author[0].body
    assert {r.status for r in Report.objects.filter(pk__in=[r.pk for r in reports])} == {
        ReportStatus.ACTIONED
    }
    reporters = {r.reporter.email for r in reports}
    assert reporters <= {m.to[0] for m in mail.outbox}
    action = ModerationAction.objects.get()
    assert (action.action, action.actor, action.reason) == (
        ActionKind.HIDE,
        promoter,
        "Linguaggio offensivo verso un utente.",
    )
    assert _logged("hide") == 1


def test_hide_without_a_reason_changes_nothing():
    thread = ThreadFactory.create()
    ReportFactory.create(target=thread)
    with pytest.raises(ValidationError) as error:
        content_hide(target=thread, actor=PromoterFactory.create(), reason="   ")
    assert "reason" in error.value.message_dict
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE
    assert ModerationAction.objects.count() == 0
    assert Report.objects.get().status == ReportStatus.OPEN


def test_restore_and_remove_and_double_submit(committed):
    thread = ThreadFactory.create(moderation_state=ContentState.HIDDEN)
    promoter = PromoterFactory.create()
    with committed():
        content_restore(target=thread, actor=promoter)
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE
    assert "di nuovo visibile" in mail.outbox[-1].subject
    with pytest.raises(ValidationError):  # a second click finds it visible already
        content_restore(target=thread, actor=promoter)
    with committed():
        content_remove(target=thread, actor=promoter, reason="Dati personali di terzi.")
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.REMOVED
    assert "Dati personali di terzi." in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        content_remove(target=thread, actor=promoter, reason="Di nuovo")
    assert _actions(thread) == [ActionKind.REMOVE, ActionKind.RESTORE]


def test_approve_a_held_post_calls_the_apps_hook():
    thread = ThreadFactory.create(moderation_state=ContentState.HELD)
    content_approve(target=thread, actor=PromoterFactory.create())
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE
    assert approved == [thread]
    assert _logged("approve") == 1
    with pytest.raises(ValidationError):
        content_approve(target=thread, actor=PromoterFactory.create())


def test_facilitators_moderate_their_area_only():
    thread = ThreadFactory.create()
    own = facilitator(thread.area)
    other = facilitator(ThreadFactory.create().area)
    with pytest.raises(PermissionDenied):
        content_hide(target=thread, actor=other, reason="Fuori tema")
    content_hide(target=thread, actor=own, reason="Fuori tema")
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.HIDDEN


def test_members_cannot_moderate():
    thread = ThreadFactory.create()
    with pytest.raises(PermissionDenied):
        content_remove(target=thread, actor=UserFactory.create(), reason="No")
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE


# --- experiences: their own workflow ---------------------------------------------------


def test_hiding_an_experience_unpublishes_it_through_its_workflow(committed):
    experience = ExperienceFactory.create()
    reporter = UserFactory.create()
    report_create(reporter=reporter, target=experience, reason="misinformation", note="Dati falsi")
    with committed():
        content_hide(
            target=experience, actor=PromoterFactory.create(), reason="Dati non verificati."
        )
    experience.refresh_from_db()
    assert experience.state == State.DRAFT
    assert experience.review_comment == "Dati non verificati."
    authors_mail = [m for m in mail.outbox if m.to == [experience.author.email]]
    assert len(authors_mail) == 1  # the experiences' own message, not a second one
    assert "Dati non verificati." in authors_mail[0].body
    assert Report.objects.get().status == ReportStatus.ACTIONED
    with pytest.raises(ValidationError):  # no restore: the authors resubmit
        content_restore(target=experience, actor=PromoterFactory.create())
    with pytest.raises(ValidationError):
        content_remove(target=experience, actor=PromoterFactory.create(), reason="x")


# --- suspensions -------------------------------------------------------------------------


def test_suspend_and_unsuspend(committed):
    person, promoter = UserFactory.create(), PromoterFactory.create()
    until = timezone.now() + datetime.timedelta(days=7)
    with committed():
        suspension = user_suspend(user=person, actor=promoter, reason="Spam ripetuto.", until=until)
    assert is_suspended(UserFactory._meta.model.objects.get(pk=person.pk))
    assert mail.outbox[-1].to == [person.email]
    assert "Spam ripetuto." in mail.outbox[-1].body
    with pytest.raises(ValidationError):  # already suspended
        user_suspend(user=person, actor=promoter, reason="Ancora")
    assert user_unsuspend(user=person, actor=promoter) == 1
    suspension.refresh_from_db()
    assert suspension.lifted_by == promoter
    assert suspension.lifted_at is not None
    assert not is_suspended(UserFactory._meta.model.objects.get(pk=person.pk))
    with pytest.raises(ValidationError):
        user_unsuspend(user=person, actor=promoter)
    assert _actions(person) == [ActionKind.UNSUSPEND, ActionKind.SUSPEND]
    assert _logged("suspend") == _logged("unsuspend") == 1


def test_suspension_bad_input_and_permissions():
    person, promoter = UserFactory.create(), PromoterFactory.create()
    with pytest.raises(ValidationError) as error:
        user_suspend(user=person, actor=promoter, reason="")
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        user_suspend(
            user=person,
            actor=promoter,
            reason="Spam",
            until=timezone.now() - datetime.timedelta(hours=1),
        )
    assert "until" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        user_suspend(user=person, actor=UserFactory.create(), reason="Spam")
    with pytest.raises(PermissionDenied):
        user_suspend(user=PromoterFactory.create(), actor=promoter, reason="Spam")
    with pytest.raises(PermissionDenied):
        user_unsuspend(user=person, actor=UserFactory.create())
    assert Suspension.objects.count() == 0


def test_an_expired_suspension_is_not_live():
    suspension = SuspensionFactory.create(until=timezone.now() - datetime.timedelta(minutes=1))
    assert not is_suspended(suspension.user)
