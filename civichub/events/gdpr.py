"""The events' part of "download my data" and of erasure (registered in apps.py), and
the retention of registration answers about needs.

- Registrations (answers, check-in, feedback), course applications (motivation, CV,
  status), enrolments and submissions are exported.
- Erasure deletes the person's registrations (the events' counters are recounted under
  each event's lock, seats freed go to the waitlist), empties applications' motivation
  and deletes the CV (the row and the reviewers' scores stay, anonymous with the
  account), and empties submissions (text, file, feedback). Enrolments stay, as the
  anonymised account's history of a cohort.
- Answers to "needs" questions (diet, accessibility) are erased
  ``NEEDS_RETENTION_DAYS`` after the event by ``events_housekeeping``.
"""

import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.registry import ExportSection

from .models import (
    Application,
    Enrolment,
    Event,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    Submission,
)

NEEDS_RETENTION_DAYS = 30


def export_events(user: User) -> ExportSection:
    files = []
    registrations = [
        {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at,
            "status": registration.status,
            "answers": {labels.get(key, key): value for key, value in registration.answers.items()},
            "registered_at": registration.created_at,
            "checked_in_at": registration.checked_in_at,
            "feedback": (
                {"rating": registration.feedback.rating, "comment": registration.feedback.comment}
                if hasattr(registration, "feedback")
                else None
            ),
        }
        for registration in Registration.objects.filter(user=user)
        .select_related("event", "feedback")
        .prefetch_related(Prefetch("event__questions"))
        .order_by("event__starts_at")
        for labels in [{str(q.pk): q.label for q in registration.event.questions.all()}]
    ]
    applications = []
    for application in Application.objects.filter(applicant=user).select_related("cohort__course"):
        applications.append(
            {
                "course": application.cohort.course.title,
                "cohort": application.cohort.name,
                "status": application.status,
                "motivation": application.motivation,
                "submitted_at": application.submitted_at,
                "decided_at": application.decided_at,
                "decision_note": application.decision_note,
            }
        )
        if application.cv:
            files.append((f"candidature/cv-{application.pk}.pdf", application.cv))
    enrolments = [
        {
            "course": enrolment.cohort.course.title,
            "cohort": enrolment.cohort.name,
            "state": enrolment.state,
            "enrolled_at": enrolment.created_at,
            "completed_at": enrolment.completed_at,
            "certificate_code": enrolment.certificate_code,
        }
        for enrolment in Enrolment.objects.filter(user=user).select_related("cohort__course")
    ]
    submissions = []
    for submission in Submission.objects.filter(enrolment__user=user).select_related("assignment"):
        submissions.append(
            {
                "assignment": submission.assignment.title,
                "text": submission.text,
                "submitted_at": submission.submitted_at,
                "feedback": submission.feedback,
                "accepted": submission.accepted,
            }
        )
        if submission.file:
            name = (submission.file.name or "").rsplit("/", 1)[-1]
            files.append((f"consegne/{submission.pk}-{name}", submission.file))
    return ExportSection(
        data={
            "registrations": registrations,
            "course_applications": applications,
            "course_enrolments": enrolments,
            "course_submissions": submissions,
        },
        files=files,
    )


def erase_events(user: User) -> None:
    from . import services

    event_ids = list(Registration.objects.filter(user=user).values_list("event_id", flat=True))
    for event_id in event_ids:
        with transaction.atomic():
            event = services._locked(event_id)
            Registration.objects.filter(event_id=event_id, user=user).delete()
            services._store_counts(event)
            if event.starts_at > timezone.now():
                services._promote(event, timezone.now())
    for application in Application.objects.filter(applicant=user):
        if application.cv:
            application.cv.delete(save=False)
        application.motivation = ""
        application.decision_note = ""
        application.save(update_fields=["cv", "motivation", "decision_note"])
    for submission in Submission.objects.filter(enrolment__user=user):
        if submission.file:
            submission.file.delete(save=False)
        submission.text = ""
        submission.feedback = ""
        submission.save(update_fields=["file", "text", "feedback"])


def needs_answers_erase(now: datetime.datetime | None = None) -> int:
    """Remove answers to "needs" questions of events ended more than
    ``NEEDS_RETENTION_DAYS`` ago; returns how many registrations changed."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=NEEDS_RETENTION_DAYS)
    questions = RegistrationQuestion.objects.filter(
        kind=QuestionKind.NEEDS, event__ends_at__lt=cutoff
    ).values_list("event_id", "pk")
    by_event: dict[int, set[str]] = {}
    for event_id, pk in questions:
        by_event.setdefault(event_id, set()).add(str(pk))
    changed = 0
    for registration in Registration.objects.filter(event_id__in=by_event).only(
        "pk", "event_id", "answers"
    ):
        keys = by_event[registration.event_id] & set(registration.answers)
        if keys:
            registration.answers = {
                key: value for key, value in registration.answers.items() if key not in keys
            }
            registration.save(update_fields=["answers"])
            changed += 1
    return changed


__all__ = ["Event", "erase_events", "export_events", "needs_answers_erase"]
