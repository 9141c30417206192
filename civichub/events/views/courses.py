"""Course pages under /eventi/percorsi/: the catalogue, a course, applying or enrolling,
«I miei percorsi», the progress page, and the course team's pages (applications with
scores and ranking, the enrolment grid, submissions with feedback).

Thin views: objects come from ``course_selectors.access_*`` (one 404 for missing and
forbidden), changes go through ``course_services``, whose refusals are shown as they
are. Private files (CVs, submissions) are streamed only after the permission check;
they are never under a public /media/ URL.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from civichub.accounts.models import User
from civichub.accounts.permissions import has_joined

from .. import certificates, course_selectors, course_services
from ..course_forms import (
    ApplicationForm,
    CourseFilterForm,
    DecisionForm,
    FeedbackForm,
    ScoreForm,
    SubmissionForm,
)
from ..models import ADMISSION_SLUGS, ApplicationStatus, Assignment, Cohort, EnrolmentState
from ..permissions import can
from .registration import _membership_redirect, first_message

CATALOGUE_PAGE_SIZE = 12
ADMISSIONS = {slug: value for value, slug in ADMISSION_SLUGS.items()}


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


def _signed_in(request: HttpRequest) -> HttpResponse | None:
    """A redirect to the login (or the membership form), or ``None``."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_joined(request.user):
        return _membership_redirect(request, request.get_full_path())
    return None


def _progress_url(cohort: Cohort) -> str:
    return reverse("events:progress", args=[cohort.course.slug, cohort.slug])


# --- public -----------------------------------------------------------------------------------


@require_safe
def course_list(request: HttpRequest) -> HttpResponse:
    form = CourseFilterForm(request.GET)
    form.is_valid()
    themes = course_selectors.course_themes()
    by_slug = {theme.slug: theme for theme in themes}
    theme = by_slug.get(form.cleaned_data.get("tema") or "")
    admission = ADMISSIONS.get(form.cleaned_data.get("ammissione") or "", "")
    page = Paginator(
        course_selectors.course_catalogue(theme=theme, admission=admission), CATALOGUE_PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "events/courses/list.html",
        {
            "page_obj": page,
            "courses": page.object_list,
            "themes": themes,
            "theme": theme,
            "admission": form.cleaned_data.get("ammissione") or "",
            "admissions": form.fields["ammissione"].choices,  # type: ignore[attr-defined]
            "narrowed": bool(theme or admission),
        },
    )


@require_safe
def course_detail(request: HttpRequest, course: str) -> HttpResponse:
    item = course_selectors.access_course(request.user, course)
    page = course_selectors.course_page(item, request.user)
    cohorts = []
    for cohort in page.cohorts:
        cohort.course = item
        cohorts.append(
            {
                "cohort": cohort,
                "sessions": page.sessions.get(cohort.pk, []),
                "enrolment": page.enrolments.get(cohort.pk),
                "application": page.applications.get(cohort.pk),
                "problem": course_services.cohort_window_problem(cohort),
                "can_manage": can(request.user, "manage_course", cohort),
            }
        )
    return render(
        request,
        "events/courses/detail.html",
        {
            "course": item,
            "modules": page.modules,
            "cohorts": cohorts,
            "can_manage": can(request.user, "manage_course", item),
        },
    )


# --- applying and enrolling -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def apply(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    assert user is not None
    item = course_selectors.access_cohort(user, course, cohort)
    if not item.course.with_selection:
        return redirect(item.course.get_absolute_url())
    existing = course_selectors.own_application(user, item)
    if existing is not None:
        messages.info(request, _("Hai già inviato una candidatura per questa edizione."))
        return redirect("events:my_courses")
    problem = course_services.cohort_window_problem(item)
    posted = request.method == "POST"
    form = ApplicationForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and problem is None and form.is_valid():
        try:
            course_services.application_submit(
                cohort=item,
                user=user,
                motivation=form.cleaned_data["motivation"],
                cv=form.cleaned_data["cv"],
            )
        except ValidationError as error:
            if error.code == "duplicate":
                messages.info(request, first_message(error))
                return redirect("events:my_courses")
            form.add_error(None, error.messages)
        except PermissionDenied:
            form.add_error(None, _("Non puoi candidarti a questa edizione."))
        else:
            messages.success(
                request,
                _(
                    "Candidatura inviata: ti abbiamo scritto un'e-mail. Riceverai l'esito "
                    "della selezione anche qui, in «I miei percorsi»."
                ),
            )
            return redirect("events:my_courses")
    return render(
        request,
        "events/courses/apply.html",
        {"cohort": item, "course": item.course, "form": form, "problem": problem},
    )


@require_POST
def enrol(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    assert user is not None
    item = course_selectors.access_cohort(user, course, cohort)
    try:
        course_services.enrolment_create(cohort=item, user=user)
    except ValidationError as error:
        messages.error(request, first_message(error))
        return redirect(item.course.get_absolute_url())
    except PermissionDenied:
        messages.error(request, _("Non puoi iscriverti a questa edizione."))
        return redirect(item.course.get_absolute_url())
    messages.success(
        request,
        _("Iscrizione confermata: sei iscritto anche a tutti gli incontri in programma."),
    )
    return redirect(_progress_url(item))


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort)
    enrolment = course_selectors.own_enrolment(user, item)
    if enrolment is None or enrolment.state != EnrolmentState.ACTIVE:
        raise Http404
    if request.method == "POST":
        try:
            course_services.enrolment_withdraw(enrolment=enrolment, actor=user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, first_message(error))
        else:
            messages.success(request, _("Ti sei ritirato dal percorso."))
        return redirect("events:my_courses")
    return render(request, "events/courses/withdraw.html", {"cohort": item, "course": item.course})


WITHDRAWABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.WAITLISTED)


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw_application(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    """The applicant withdraws a pending or waitlisted application: a confirmation
    page, then the POST."""
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort)
    application = course_selectors.own_application(user, item)
    if application is None:
        raise Http404
    if application.status not in WITHDRAWABLE:
        messages.info(request, _("Questa candidatura non si può più ritirare."))
        return redirect("events:my_courses")
    if request.method == "POST":
        try:
            course_services.application_withdraw(application=application, user=user)  # type: ignore[arg-type]
        except ValidationError as error:
            messages.error(request, first_message(error))
        else:
            messages.success(request, _("Hai ritirato la candidatura."))
        return redirect("events:my_courses")
    return render(
        request,
        "events/courses/withdraw_application.html",
        {"cohort": item, "course": item.course, "application": application},
    )


@require_safe
def my_courses(request: HttpRequest) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    return render(
        request, "events/courses/mine.html", {"mine": course_selectors.my_courses(request.user)}
    )


# --- progress ---------------------------------------------------------------------------------


@require_safe
def progress(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort)
    enrolment = course_selectors.own_enrolment(user, item)
    if enrolment is None or enrolment.state == EnrolmentState.WITHDRAWN:
        raise Http404
    return _progress_page(request, item, enrolment, own=True)


def _progress_page(
    request: HttpRequest, cohort: Cohort, enrolment: Any, *, own: bool
) -> HttpResponse:
    data = course_selectors.progress(enrolment)
    return render(
        request,
        "events/courses/progress.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "progress": data,
            "own": own,
            "rows": [
                {"row": row, "form": SubmissionForm(auto_id=f"consegna-{row.assignment.pk}-%s")}
                for row in data.assignments
            ],
            "can_manage": can(request.user, "manage_course", cohort),
            "now": timezone.now(),
        },
    )


@require_safe
def participant_progress(request: HttpRequest, course: str, cohort: str, pk: int) -> HttpResponse:
    """The course team's view of one participant's progress."""
    if (response := _signed_in(request)) is not None:
        return response
    item = course_selectors.access_cohort(request.user, course, cohort, "manage_course")
    enrolment = item.enrolments.select_related("user").filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    enrolment.cohort = item
    return _progress_page(request, item, enrolment, own=False)


@require_POST
def submit(request: HttpRequest, course: str, cohort: str, assignment: int) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort)
    enrolment = course_selectors.own_enrolment(user, item)
    task = Assignment.objects.filter(cohort=item, pk=assignment).first()
    if enrolment is None or task is None:
        raise Http404
    form = SubmissionForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_progress_url(item) + f"#consegna-{task.pk}")
    try:
        course_services.submission_save(
            assignment=task,
            enrolment=enrolment,
            user=user,  # type: ignore[arg-type]
            text=form.cleaned_data["text"],
            file=form.cleaned_data["file"],
        )
    except ValidationError as error:
        messages.error(request, first_message(error))
    except PermissionDenied:
        messages.error(request, _("Non puoi consegnare questo elaborato."))
    else:
        messages.success(request, _("Consegna ricevuta: i tutor ti daranno un riscontro."))
    return redirect(_progress_url(item) + f"#consegna-{task.pk}")


@require_safe
def course_certificate(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort)
    enrolment = course_selectors.own_enrolment(user, item)
    if enrolment is None:
        raise Http404
    try:
        pdf = certificates.course_certificate_pdf(enrolment)
    except ValidationError as error:
        messages.info(request, first_message(error))
        return redirect(_progress_url(item))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestato-{item.course.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _private_file(field: Any, name: str) -> FileResponse:
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def submission_file(request: HttpRequest, course: str, cohort: str, pk: int) -> HttpResponseBase:
    if (response := _signed_in(request)) is not None:
        return response
    item = course_selectors.access_cohort(request.user, course, cohort)
    submission = course_selectors.access_submission(request.user, item, pk)
    suffix = (submission.file.name or "x.pdf").rsplit(".", 1)[-1]
    return _private_file(submission.file, f"consegna-{submission.pk}.{suffix}")


# --- course team ------------------------------------------------------------------------------


@require_safe
def applications(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    item = course_selectors.access_cohort(request.user, course, cohort, "review_applications")
    return render(
        request,
        "events/courses/applications.html",
        {
            "cohort": item,
            "course": item.course,
            "applications": course_selectors.application_ranking(item),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def application(request: HttpRequest, course: str, cohort: str, pk: int) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort, "review_applications")
    current = course_selectors.access_application(user, item, pk)
    sheet = course_selectors.score_sheet(current, user)
    action = request.POST.get("azione") if request.method == "POST" else None
    score_form = ScoreForm(
        request.POST if action == "valuta" else None,
        criteria=sheet.criteria,
        initial_scores=sheet.mine,
    )
    decision_form = DecisionForm(request.POST if action == "decidi" else None)
    if action == "valuta" and score_form.is_valid():
        try:
            course_services.application_score(
                application=current,
                reviewer=user,  # type: ignore[arg-type]
                scores=score_form.scores(),
                notes=score_form.notes(),
            )
        except ValidationError as error:
            score_form.add_error(None, error.messages)
        else:
            messages.success(request, _("Valutazione salvata."))
            return redirect(request.path)
    elif action == "decidi" and decision_form.is_valid():
        try:
            course_services.application_decide(
                application=current,
                actor=user,  # type: ignore[arg-type]
                status=decision_form.cleaned_data["status"],
                note=decision_form.cleaned_data["note"],
            )
        except ValidationError as error:
            decision_form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Decisione registrata: abbiamo scritto a chi si è candidato.")
            )
            return redirect("events:applications", course, cohort)
    elif action not in (None, "valuta", "decidi"):
        raise Http404
    return render(
        request,
        "events/courses/application.html",
        {
            "cohort": item,
            "course": item.course,
            "application": current,
            "sheet": sheet,
            "score_form": score_form,
            "decision_form": decision_form,
        },
        status=400 if action and (score_form.errors or decision_form.errors) else 200,
    )


@require_safe
def application_cv(request: HttpRequest, course: str, cohort: str, pk: int) -> HttpResponseBase:
    """The CV, for the applicant and the course team only."""
    if (response := _signed_in(request)) is not None:
        return response
    item = course_selectors.access_cohort(request.user, course, cohort)
    current = course_selectors.access_application(request.user, item, pk)
    return _private_file(current.cv, f"cv-candidatura-{current.pk}.pdf")


@require_http_methods(["GET", "HEAD", "POST"])
def enrolments(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    item = course_selectors.access_cohort(request.user, course, cohort, "manage_course")
    if request.method == "POST":
        done = course_services.completion_check_cohort(cohort=item, actor=request.user)  # type: ignore[arg-type]
        messages.success(
            request,
            _("Verifica completata: %(count)d nuovi completamenti.") % {"count": done},
        )
        return redirect(request.path)
    return render(
        request,
        "events/courses/enrolments.html",
        {"cohort": item, "course": item.course, "grid": course_selectors.enrolment_grid(item)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def submissions(request: HttpRequest, course: str, cohort: str) -> HttpResponse:
    if (response := _signed_in(request)) is not None:
        return response
    user = _user(request)
    item = course_selectors.access_cohort(user, course, cohort, "give_feedback")
    failed: tuple[int, FeedbackForm] | None = None
    if request.method == "POST":
        try:
            pk = int(request.POST.get("elaborato", ""))
        except ValueError as error:
            raise Http404 from error
        submission = course_selectors.access_submission(user, item, pk)
        form = FeedbackForm(request.POST, auto_id=f"elaborato-{pk}-%s")
        if form.is_valid():
            try:
                course_services.submission_feedback(
                    submission=submission,
                    actor=user,  # type: ignore[arg-type]
                    feedback=form.cleaned_data["feedback"],
                    accepted=form.cleaned_data["accepted"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Riscontro inviato."))
                return redirect(request.path + f"#elaborato-{pk}")
        failed = (pk, form)
    rows = []
    for submission in course_selectors.cohort_submissions(item):
        form = (
            failed[1]
            if failed and failed[0] == submission.pk
            else FeedbackForm(
                initial={"feedback": submission.feedback, "accepted": submission.accepted},
                auto_id=f"elaborato-{submission.pk}-%s",
            )
        )
        rows.append({"submission": submission, "form": form})
    return render(
        request,
        "events/courses/submissions.html",
        {"cohort": item, "course": item.course, "rows": rows},
        status=400 if failed else 200,
    )
