"""Writes of courses: applications, selection, enrolments, assignments and completion.

Every service that moves a cohort's counters (``applications_count``,
``enrolled_count``) locks the cohort row first (``select_for_update``) and recounts
under the lock, so 200 people enrolling at once for 50 seats give exactly 50
enrolments. An enrolment registers the person to every published upcoming session of
the cohort through ``services.registration_create`` (which takes each event's own
lock: always cohort first, then events). E-mails are queued when the transaction
commits, in each recipient's language.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civichub.accounts.mail import absolute_url, hub_name
from civichub.accounts.models import User
from civichub.accounts.notifications import notify
from civichub.core.audit import log_action
from civichub.core.mail import send_templated_mail
from civichub.core.validators import DOCUMENT_MIME_TYPES, validate_upload

from .models import (
    Application,
    ApplicationCriterion,
    ApplicationScore,
    ApplicationStatus,
    Assignment,
    Cohort,
    CohortState,
    CourseState,
    Enrolment,
    EnrolmentState,
    Event,
    EventState,
    Registration,
    RegistrationStatus,
    Submission,
)
from .permissions import can

LOG_PREFIX = "civichub.events.course_"
LOG_ACTIONS = {
    "apply": (gettext_lazy("Candidatura"), gettext_lazy("Candidatura a un percorso inviata")),
    "application_withdraw": (
        gettext_lazy("Candidatura ritirata"),
        gettext_lazy("Candidatura ritirata"),
    ),
    "score": (gettext_lazy("Valutazione"), gettext_lazy("Candidatura valutata")),
    "decide": (gettext_lazy("Decisione"), gettext_lazy("Decisione sulla candidatura")),
    "enrol": (gettext_lazy("Iscrizione al percorso"), gettext_lazy("Iscrizione al percorso")),
    "withdraw": (gettext_lazy("Ritiro dal percorso"), gettext_lazy("Iscrizione ritirata")),
    "submit": (gettext_lazy("Consegna"), gettext_lazy("Elaborato consegnato")),
    "feedback": (gettext_lazy("Riscontro"), gettext_lazy("Riscontro sull'elaborato")),
    "complete": (gettext_lazy("Completamento"), gettext_lazy("Percorso completato")),
    "cohort_create": (gettext_lazy("Nuova edizione"), gettext_lazy("Edizione creata")),
    "cohort_update": (gettext_lazy("Edizione modificata"), gettext_lazy("Edizione modificata")),
}

CV_MAX_BYTES = 5 * 1024 * 1024
SUBMISSION_MAX_BYTES = 10 * 1024 * 1024
SUBMISSION_MIME_TYPES = DOCUMENT_MIME_TYPES | {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
}
MOTIVATION_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 2000
SUBMISSION_TEXT_MAX_LENGTH = 20_000
FEEDBACK_MAX_LENGTH = 5000
DECISIONS = (ApplicationStatus.ADMITTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REFUSED)


# --- helpers ------------------------------------------------------------------------------


def _require(actor: Any, permission: str, obj: Any) -> None:
    if not can(actor, permission, obj):
        raise PermissionDenied


def _log(instance: Any, action: str, actor: Any = None, **data: Any) -> None:
    log_action(
        instance=instance,
        action=LOG_PREFIX + action,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def _locked_cohort(cohort: Cohort | int) -> Cohort:
    pk = cohort if isinstance(cohort, int) else cohort.pk
    return Cohort.objects.select_for_update().select_related("course").get(pk=pk)


def _text(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").strip()


def _urls(cohort: Cohort) -> dict[str, str]:
    return {
        "course_url": absolute_url(reverse("events:course", args=[cohort.course.slug])),
        "mine_url": absolute_url(reverse("events:my_courses")),
    }


def _mail(user: User, template: str, *, cohort: Cohort, **extra: Any) -> None:
    """A transactional message (decisions, enrolment) in the person's language."""
    if not user.email or not user.is_active or user.erased_at:
        return
    send_templated_mail(
        to=[user.email],
        template=f"events/email/{template}",
        context={
            "recipient": user,
            "hub_name": hub_name(),
            "cohort": cohort,
            "course": cohort.course,
            **_urls(cohort),
            **extra,
        },
        language=user.language,
    )


def course_team(cohort: Cohort) -> list[User]:
    """The people told about a cohort's applications: its tutors and the course's
    coordinator (one query)."""
    team = {user.pk: user for user in cohort.tutors.filter(is_active=True)}
    coordinator = cohort.course.coordinator
    if coordinator is not None and coordinator.is_active:
        team.setdefault(coordinator.pk, coordinator)
    return list(team.values())


def _recount(cohort: Cohort) -> None:
    """Recount enrolments and applications under the cohort's lock."""
    counts = Cohort.objects.filter(pk=cohort.pk).aggregate(
        enrolled=Count(
            "enrolments",
            filter=Q(enrolments__state__in=(EnrolmentState.ACTIVE, EnrolmentState.COMPLETED)),
            distinct=True,
        ),
    )
    applications = Application.objects.filter(cohort_id=cohort.pk).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    values = (counts["enrolled"], applications.count())
    if (cohort.enrolled_count, cohort.applications_count) != values:
        cohort.enrolled_count, cohort.applications_count = values
        cohort.save(update_fields=["enrolled_count", "applications_count"])


# --- window -------------------------------------------------------------------------------


def cohort_window_problem(cohort: Cohort, now: datetime.datetime | None = None) -> str | None:
    """Why nobody can apply or enrol now, or ``None``."""
    now = now or timezone.now()
    if cohort.course.state != CourseState.PUBLISHED or cohort.state == CohortState.DRAFT:
        return _("L'edizione non è ancora aperta.")
    if cohort.state != CohortState.OPEN:
        return _("Le iscrizioni a questa edizione sono chiuse.")
    if cohort.applications_open_at is not None and now < cohort.applications_open_at:
        return _("Le iscrizioni apriranno il %(date)s.") % {
            "date": date_format(timezone.localtime(cohort.applications_open_at), "DATETIME_FORMAT")
        }
    if cohort.applications_close_at is not None and now >= cohort.applications_close_at:
        return _("Il termine per iscriversi è scaduto.")
    return None


# --- areas --------------------------------------------------------------------------------


def _area_services() -> Any:
    """``communities.services.areas`` when it is installed (it lands with the
    communities app), else ``None``: cohorts then simply have no area."""
    try:
        from civichub.communities.services import areas
    except ImportError:
        return None
    if not hasattr(areas, "area_create") or not hasattr(areas, "member_add"):
        return None
    return areas


def cohort_area_ensure(*, cohort: Cohort) -> Any:
    """Create the cohort's private working area (tutors as facilitators) if it has none."""
    areas = _area_services()
    if areas is None or cohort.area_id is not None:
        return cohort.area
    area = areas.area_create(
        actor=None,
        name=str(cohort)[:120],
        purpose=_(
            "Area riservata a chi partecipa a «%(course)s» (%(cohort)s): scambio tra pari, "
            "materiali e progetti comuni."
        )
        % {"course": cohort.course.title, "cohort": cohort.name},
        visibility="private",
        join_policy="invitation",
        facilitators=list(cohort.tutors.all()),
    )
    cohort.area = area
    cohort.save(update_fields=["area"])
    return area


def _area_add(cohort: Cohort, user: User, *, facilitator: bool = False) -> None:
    """Add ``user`` to the cohort's area (a tutor as facilitator). Someone who already
    facilitates it keeps that role; an archived area is left alone."""
    areas = _area_services()
    if areas is None or cohort.area_id is None:
        return
    from civichub.communities.models import AreaMembership, MemberRole, MemberState

    role = MemberRole.FACILITATOR if facilitator else MemberRole.MEMBER
    if (
        role == MemberRole.MEMBER
        and AreaMembership.objects.filter(
            area_id=cohort.area_id,
            user_id=user.pk,
            state=MemberState.ACTIVE,
            role=MemberRole.FACILITATOR,
        ).exists()
    ):
        return
    if cohort.area is None or cohort.area.archived_at:
        return
    areas.member_add(area=cohort.area, user=user, actor=None, role=role)


def cohort_create(
    *,
    actor: User,
    course: Any,
    name: str,
    slug: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int | None = None,
    applications_open_at: datetime.datetime | None = None,
    applications_close_at: datetime.datetime | None = None,
    tutors: list[User] | None = None,
    state: str = CohortState.DRAFT,
) -> Cohort:
    """A new edition of ``course`` with its private working area."""
    _require(actor, "manage_course", course)
    if ends_on < starts_on:
        raise ValidationError(_("La fine dell'edizione precede l'inizio."), code="dates")
    with transaction.atomic():
        cohort = Cohort(
            course=course,
            name=_text(name)[:120],
            slug=slug,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            applications_open_at=applications_open_at,
            applications_close_at=applications_close_at,
            state=state,
        )
        cohort.full_clean(exclude=["area", "tutors"])
        cohort.save()
        cohort.tutors.set(tutors or [])
        cohort_area_ensure(cohort=cohort)
        _log(cohort, "cohort_create", actor)
    return cohort


COHORT_FIELDS = (
    "name",
    "slug",
    "starts_on",
    "ends_on",
    "capacity",
    "applications_open_at",
    "applications_close_at",
    "state",
)


def cohort_update(
    *, cohort: Cohort, actor: User, tutors: list[User] | None = None, **values: Any
) -> Cohort:
    """Change an edition (the back office's form): dates, seats, window, state, tutors.
    Seats never drop below the people already enrolled; new tutors become facilitators
    of the cohort's area (created now if it has none)."""
    _require(actor, "manage_course", cohort)
    unknown = set(values) - set(COHORT_FIELDS)
    if unknown:
        raise ValueError(f"not editable fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _locked_cohort(cohort)
        for name, value in values.items():
            setattr(locked, name, _text(value)[:120] if name == "name" else value)
        if locked.ends_on < locked.starts_on:
            raise ValidationError(_("La fine dell'edizione precede l'inizio."), code="dates")
        if locked.capacity is not None and locked.capacity < locked.enrolled_count:
            raise ValidationError(
                _("I posti non possono essere meno delle %(count)d persone già iscritte.")
                % {"count": locked.enrolled_count},
                code="capacity",
            )
        locked.full_clean(exclude=["area", "tutors", "course"])
        locked.save(update_fields=list(values))
        if tutors is not None:
            before = set(locked.tutors.values_list("pk", flat=True))
            locked.tutors.set(tutors)
            added = [user for user in tutors if user.pk not in before]
        else:
            added = []
        if locked.area_id is None:
            cohort_area_ensure(cohort=locked)
        else:
            for user in added:
                _area_add(locked, user, facilitator=True)
        _log(locked, "cohort_update", actor, fields=sorted(values))
    return locked


# --- applications -------------------------------------------------------------------------


def _check_cv(cv: UploadedFile | None) -> None:
    if cv is None:
        return
    validate_upload(cv, allowed=DOCUMENT_MIME_TYPES, max_bytes=CV_MAX_BYTES)


def application_submit(
    *, cohort: Cohort, user: User, motivation: str, cv: UploadedFile | None
) -> Application:
    """Apply to a cohort with selection: once per person and cohort, within the
    window; the course team is told."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    motivation = _text(motivation)
    problems = []
    if not motivation:
        problems.append(_("Scrivi la motivazione della candidatura."))
    elif len(motivation) > MOTIVATION_MAX_LENGTH:
        problems.append(
            _("La motivazione supera i %(limit)d caratteri.") % {"limit": MOTIVATION_MAX_LENGTH}
        )
    if cv is None:
        problems.append(_("Allega il curriculum in PDF."))
    else:
        try:
            _check_cv(cv)
        except ValidationError as error:
            problems.extend(error.messages)
    with transaction.atomic():
        locked = _locked_cohort(cohort)
        if Application.objects.filter(cohort_id=locked.pk, applicant=user).exists():
            raise ValidationError(
                _("Hai già inviato una candidatura per questa edizione."), code="duplicate"
            )
        problem = cohort_window_problem(locked)
        if problem:
            raise ValidationError(problem, code="closed")
        _require(user, "apply", locked)
        if problems:
            raise ValidationError(problems, code="invalid")
        application = Application(cohort=locked, applicant=user, motivation=motivation)
        assert cv is not None
        application.cv.save(cv.name or "cv.pdf", cv, save=False)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            application.cv.delete(save=False)
            raise ValidationError(
                _("Hai già inviato una candidatura per questa edizione."), code="duplicate"
            ) from None
        _recount(locked)
        _log(locked, "apply", user, application=application.pk)
        _mail(user, "course_application_received", cohort=locked, application=application)
        review_url = absolute_url(
            reverse("events:application", args=[locked.course.slug, locked.slug, application.pk])
        )
        for member in course_team(locked):
            notify(
                user=member,
                kind="courses",
                template="events/email/course_application_new",
                context={"cohort": locked, "course": locked.course, "review_url": review_url},
            )
    return application


def application_withdraw(*, application: Application, user: User) -> Application:
    """The applicant withdraws a pending or waitlisted application."""
    if not (getattr(user, "is_authenticated", False) and application.applicant_id == user.pk):
        raise PermissionDenied
    with transaction.atomic():
        locked_cohort = _locked_cohort(application.cohort_id)
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED):
            raise ValidationError(_("Questa candidatura non si può più ritirare."), code="state")
        current.status = ApplicationStatus.WITHDRAWN
        current.save(update_fields=["status"])
        _recount(locked_cohort)
        _log(locked_cohort, "application_withdraw", user, application=current.pk)
    return current


def score_total(application: Application) -> Decimal | None:
    """Σ weight × mean score of the reviewers, per criterion; ``None`` before any score."""
    rows = (
        ApplicationScore.objects.filter(application_id=application.pk)
        .values("criterion_id", "criterion__weight")
        .annotate(mean=Avg("score"))
    )
    if not rows:
        return None
    total = sum(Decimal(str(row["mean"])) * row["criterion__weight"] for row in rows)
    return Decimal(total).quantize(Decimal("0.01"))


def application_score(
    *,
    application: Application,
    reviewer: User,
    scores: Mapping[Any, Any],
    notes: Mapping[Any, Any] | None = None,
) -> Application:
    """The reviewer's score on each criterion (replacing their previous ones); the
    weighted total is recomputed. Every criterion must have a score in 0…max."""
    cohort = application.cohort
    _require(reviewer, "review_applications", cohort)
    criteria = list(ApplicationCriterion.objects.filter(course_id=cohort.course_id))
    if not criteria:
        raise ValidationError(_("Il percorso non ha criteri di selezione."), code="criteria")
    given = {str(key): value for key, value in scores.items()}
    notes = {str(key): _text(value) for key, value in (notes or {}).items()}
    cleaned: dict[int, int] = {}
    problems = []
    for criterion in criteria:
        raw = given.get(str(criterion.pk))
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            problems.append(_("Dai un punteggio a «%(name)s».") % {"name": criterion.name})
            continue
        if not 0 <= value <= criterion.max_score:
            problems.append(
                _("Il punteggio di «%(name)s» va da 0 a %(max)d.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
            continue
        if len(notes.get(str(criterion.pk), "")) > NOTE_MAX_LENGTH:
            problems.append(_("La nota su «%(name)s» è troppo lunga.") % {"name": criterion.name})
        cleaned[criterion.pk] = value
    if problems:
        raise ValidationError(problems, code="scores")
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status == ApplicationStatus.WITHDRAWN:
            raise ValidationError(_("La candidatura è stata ritirata."), code="state")
        for criterion_pk, value in cleaned.items():
            ApplicationScore.objects.update_or_create(
                application=current,
                criterion_id=criterion_pk,
                reviewer=reviewer,
                defaults={"score": value, "note": notes.get(str(criterion_pk), "")},
            )
        current.score_total = score_total(current)
        current.save(update_fields=["score_total"])
        _log(cohort, "score", reviewer, application=current.pk)
    return current


def application_decide(
    *, application: Application, actor: User, status: str, note: str = ""
) -> Application:
    """Admit (an enrolment, seats checked under the cohort's lock), waitlist or refuse;
    the applicant is told in their language. An admission is final."""
    cohort = application.cohort
    _require(actor, "review_applications", cohort)
    if status not in DECISIONS:
        raise ValidationError(_("Scegli una decisione."), code="status")
    note = _text(note)
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(_("La nota è troppo lunga."), code="note")
    with transaction.atomic():
        locked = _locked_cohort(cohort)
        current = (
            Application.objects.select_for_update()
            .select_related("applicant")
            .get(pk=application.pk)
        )
        if current.status == ApplicationStatus.WITHDRAWN:
            raise ValidationError(_("La candidatura è stata ritirata."), code="state")
        if current.status == ApplicationStatus.ADMITTED:
            raise ValidationError(_("La candidatura è già stata ammessa."), code="state")
        if current.status == status:
            return current
        if status == ApplicationStatus.ADMITTED:
            _enrol(locked, current.applicant, application=current)
        current.status = status
        current.decision_note = note
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        _log(locked, "decide", actor, application=current.pk, status=status)
        _mail(
            current.applicant,
            f"course_application_{status}",
            cohort=locked,
            application=current,
            note=note,
        )
    return current


# --- enrolments ---------------------------------------------------------------------------


def _register_sessions(enrolment: Enrolment) -> int:
    """Register the person to every published upcoming session of the cohort (each
    under its event's lock). Sessions that refuse (full without waitlist) are
    skipped; returns how many registrations are active."""
    from . import services

    user = enrolment.user
    user.__dict__.pop("_event_enrolled", None)
    registered = 0
    sessions = Event.objects.filter(
        cohort_id=enrolment.cohort_id, state=EventState.PUBLISHED, starts_at__gt=timezone.now()
    ).order_by("starts_at", "pk")
    for event in sessions:
        try:
            with transaction.atomic():
                services.registration_create(event=event, user=user, answers={})
        except (ValidationError, PermissionDenied):
            continue
        registered += 1
    return registered


def sessions_register_enrolled(*, event: Event) -> int:
    """A session published after people enrolled: register every active enrolment."""
    if event.cohort_id is None:
        return 0
    count = 0
    from . import services

    enrolments = Enrolment.objects.filter(
        cohort_id=event.cohort_id, state=EnrolmentState.ACTIVE
    ).select_related("user")
    for enrolment in enrolments:
        try:
            with transaction.atomic():
                services.registration_create(event=event, user=enrolment.user, answers={})
        except (ValidationError, PermissionDenied):
            continue
        count += 1
    return count


def _enrol(cohort: Cohort, user: User, *, application: Application | None = None) -> Enrolment:
    """Enrol ``user`` in the locked ``cohort``: seats checked, counter recounted, the
    person added to the cohort's area and registered to its sessions."""
    existing = Enrolment.objects.select_for_update().filter(cohort_id=cohort.pk, user=user).first()
    if existing is not None and existing.is_current:
        return existing
    if cohort.capacity is not None and cohort.enrolled_count >= cohort.capacity:
        raise ValidationError(_("I posti di questa edizione sono esauriti."), code="full")
    enrolment = existing or Enrolment(cohort=cohort, user=user)
    enrolment.state = EnrolmentState.ACTIVE
    enrolment.withdrawn_at = None
    enrolment.created_at = timezone.now()
    if application is not None:
        enrolment.application = application
    enrolment.save()
    _recount(cohort)
    _log(cohort, "enrol", user, enrolment=enrolment.pk)
    _area_add(cohort, user)
    _register_sessions(enrolment)
    _mail(user, "course_enrolled", cohort=cohort, enrolment=enrolment)
    return enrolment


def enrolment_create(*, cohort: Cohort, user: User) -> Enrolment:
    """Open enrolment: a seat if one is left (under the cohort's lock). A second call
    returns the same enrolment."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked_cohort(cohort)
        existing = Enrolment.objects.filter(cohort_id=locked.pk, user=user).first()
        if existing is not None and existing.is_current:
            return existing
        problem = cohort_window_problem(locked)
        if problem:
            raise ValidationError(problem, code="closed")
        _require(user, "enrol", locked)
        return _enrol(locked, user)


def enrolment_withdraw(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The person (or the course team) withdraws an active enrolment: the seat is freed
    and upcoming session registrations are cancelled."""
    from . import services

    if not can(actor, "view_progress", enrolment):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked_cohort(enrolment.cohort_id)
        current = Enrolment.objects.select_for_update().select_related("user").get(pk=enrolment.pk)
        if current.state != EnrolmentState.ACTIVE:
            raise ValidationError(_("L'iscrizione non è attiva."), code="state")
        current.state = EnrolmentState.WITHDRAWN
        current.withdrawn_at = timezone.now()
        current.save(update_fields=["state", "withdrawn_at"])
        _recount(locked)
        _log(locked, "withdraw", actor, enrolment=current.pk)
        upcoming = Registration.objects.filter(
            event__cohort_id=locked.pk,
            event__starts_at__gt=timezone.now(),
            user_id=current.user_id,
            status__in=(
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.OFFERED,
            ),
        ).select_related("event")
        for registration in upcoming:
            try:
                with transaction.atomic():
                    services.registration_cancel(registration=registration, actor=current.user)
            except (ValidationError, PermissionDenied):
                continue
        current.user.__dict__.pop("_event_enrolled", None)
    return current


# --- assignments --------------------------------------------------------------------------


def _check_submission_file(upload: UploadedFile | None) -> None:
    if upload is not None:
        validate_upload(upload, allowed=SUBMISSION_MIME_TYPES, max_bytes=SUBMISSION_MAX_BYTES)


def submission_save(
    *,
    assignment: Assignment,
    enrolment: Enrolment,
    user: User,
    text: str,
    file: UploadedFile | None = None,
) -> Submission:
    """Hand in (or hand in again: the new text and file replace the old ones, and the
    work goes back to the tutors) until the due date."""
    _require(user, "submit_assignment", enrolment)
    if assignment.cohort_id != enrolment.cohort_id:
        raise PermissionDenied
    text = _text(text)
    if timezone.now() > assignment.due_at:
        raise ValidationError(_("La scadenza della consegna è passata."), code="late")
    if len(text) > SUBMISSION_TEXT_MAX_LENGTH:
        raise ValidationError(
            _("Il testo supera i %(limit)d caratteri.") % {"limit": SUBMISSION_TEXT_MAX_LENGTH},
            code="text",
        )
    _check_submission_file(file)
    with transaction.atomic():
        current = (
            Submission.objects.select_for_update()
            .filter(assignment_id=assignment.pk, enrolment_id=enrolment.pk)
            .first()
        )
        if not text and file is None and (current is None or not current.file):
            raise ValidationError(_("Scrivi un testo o allega un file."), code="empty")
        submission = current or Submission(assignment=assignment, enrolment=enrolment)
        old_file = current.file.name if current is not None and current.file else ""
        submission.text = text
        submission.submitted_at = timezone.now()
        submission.accepted = False
        if file is not None:
            submission.file.save(file.name or "consegna", file, save=False)
        submission.save()
        if file is not None and old_file:
            storage = submission.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
        _log(enrolment.cohort, "submit", user, submission=submission.pk)
    return submission


def submission_feedback(
    *, submission: Submission, actor: User, feedback: str, accepted: bool
) -> Submission:
    """The tutor's feedback (the participant is told); then the completion check."""
    cohort = submission.enrolment.cohort
    _require(actor, "give_feedback", cohort)
    feedback = _text(feedback)
    if not feedback:
        raise ValidationError(_("Scrivi il riscontro."), code="empty")
    if len(feedback) > FEEDBACK_MAX_LENGTH:
        raise ValidationError(_("Il riscontro è troppo lungo."), code="long")
    with transaction.atomic():
        current = (
            Submission.objects.select_for_update()
            .select_related("enrolment__user", "assignment")
            .get(pk=submission.pk)
        )
        current.feedback = feedback
        current.accepted = bool(accepted)
        current.feedback_by = actor
        current.feedback_at = timezone.now()
        current.save(update_fields=["feedback", "accepted", "feedback_by", "feedback_at"])
        _log(cohort, "feedback", actor, submission=current.pk, accepted=current.accepted)
        participant = current.enrolment.user
        notify(
            user=participant,
            kind="courses",
            template="events/email/course_feedback",
            context={
                "cohort": cohort,
                "course": cohort.course,
                "submission": current,
                "progress_url": absolute_url(
                    reverse("events:progress", args=[cohort.course.slug, cohort.slug])
                ),
            },
        )
        completion_check(enrolment=current.enrolment)
    return current


# --- completion ---------------------------------------------------------------------------


def meets_attendance(attended: int, held: int, threshold: int) -> bool:
    """``attended / held ≥ threshold %`` in integers (74 of 100 fails at 75 %)."""
    return held > 0 and attended * 100 >= threshold * held


def attendance(enrolment: Enrolment, now: datetime.datetime | None = None) -> tuple[int, int]:
    """(sessions attended, sessions held): held are the cohort's published sessions that
    have started (so the check-in of the last one completes at once); attended those
    where the person was checked in. One query."""
    now = now or timezone.now()
    held = Q(state=EventState.PUBLISHED, starts_at__lte=now)
    counts = Event.objects.filter(cohort_id=enrolment.cohort_id).aggregate(
        held=Count("pk", filter=held, distinct=True),
        attended=Count(
            "registrations",
            filter=held
            & Q(
                registrations__user_id=enrolment.user_id,
                registrations__checked_in_at__isnull=False,
            ),
            distinct=True,
        ),
    )
    return counts["attended"], counts["held"]


def assignments_accepted(enrolment: Enrolment) -> bool:
    pending = Assignment.objects.filter(cohort_id=enrolment.cohort_id).exclude(
        submissions__enrolment_id=enrolment.pk, submissions__accepted=True
    )
    return not pending.exists()


def completion_check(*, enrolment: Enrolment, actor: User | None = None) -> bool:
    """Mark an active enrolment completed when attendance reaches the course's
    threshold (and, if required, every assignment was accepted); tell the person, with
    the certificate's link. A completion is never taken back. ``actor`` (on demand) must
    be on the course team."""
    if actor is not None:
        _require(actor, "manage_course", enrolment.cohort)
    with transaction.atomic():
        current = (
            Enrolment.objects.select_for_update()
            .select_related("cohort__course", "user")
            .get(pk=enrolment.pk)
        )
        if current.state == EnrolmentState.COMPLETED:
            return True
        if current.state != EnrolmentState.ACTIVE:
            return False
        course = current.cohort.course
        attended, held = attendance(current)
        if not meets_attendance(attended, held, course.completion_attendance):
            return False
        if course.requires_assignments and not assignments_accepted(current):
            return False
        current.state = EnrolmentState.COMPLETED
        current.completed_at = timezone.now()
        current.save(update_fields=["state", "completed_at"])
        _log(current.cohort, "complete", actor, enrolment=current.pk)
        _mail(
            current.user,
            "course_completed",
            cohort=current.cohort,
            enrolment=current,
            certificate_url=absolute_url(
                reverse("events:course_certificate", args=[course.slug, current.cohort.slug])
            ),
        )
    enrolment.state, enrolment.completed_at = current.state, current.completed_at
    return True


def completion_check_cohort(*, cohort: Cohort, actor: User) -> int:
    """The course team's «check completions» button: every active enrolment."""
    _require(actor, "manage_course", cohort)
    done = 0
    for enrolment in Enrolment.objects.filter(cohort_id=cohort.pk, state=EnrolmentState.ACTIVE):
        if completion_check(enrolment=enrolment):
            done += 1
    return done


def completion_after_check_in(*, cohort_id: int, user_id: int) -> None:
    """Called by ``services.registration_check_in`` for course sessions."""
    enrolment = Enrolment.objects.filter(
        cohort_id=cohort_id,
        user_id=user_id,
        state=EnrolmentState.ACTIVE,
    ).first()
    if enrolment is not None:
        completion_check(enrolment=enrolment)
