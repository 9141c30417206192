"""Moderation pages: the queue, a target's page with its actions, suspensions, and the
report form (an HTMX panel next to the content, a plain page without JavaScript)."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from civichub.accounts.models import User

from . import selectors, services
from .forms import ActionForm, ReportForm, SuspendForm
from .models import ContentState, ReportReason, ReportStatus
from .permissions import can

ACTIONS: dict[str, tuple[str, Any]] = {
    "nascondi": ("hide", services.content_hide),
    "ripristina": ("restore", services.content_restore),
    "rimuovi": ("remove", services.content_remove),
    "approva": ("approve", services.content_approve),
}


def _user(request: HttpRequest) -> User:
    """The signed-in person (the views are behind ``login_required``)."""
    return cast(User, request.user)


def _require_moderator(request: HttpRequest) -> None:
    if not can(request.user, "moderate"):
        raise PermissionDenied


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


def _target_url(entry: Any, obj: Any) -> str:
    return reverse("moderation:target", kwargs={"label": entry.label, "object_id": obj.pk})


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    status = request.GET.get("stato", ReportStatus.OPEN)
    if status not in ReportStatus.values:
        status = ReportStatus.OPEN
    reason = request.GET.get("motivo", "")
    if reason not in ReportReason.values:
        reason = ""
    page_obj = selectors.moderation_queue(
        request.user, status=status, reason=reason, page=request.GET.get("pagina")
    )
    return render(
        request,
        "moderation/queue.html",
        {
            "page_obj": page_obj,
            "held": selectors.held_items(request.user) if status == ReportStatus.OPEN else [],
            "status": status,
            "reason": reason,
            "statuses": ReportStatus.choices,
            "reasons": ReportReason.choices,
            "may_suspend": can(request.user, "view_suspensions"),
        },
    )


def _target_context(request: HttpRequest, entry: Any, obj: Any, form: ActionForm | None) -> dict:
    state = entry.current_state(obj)
    actions = []
    if state in (ContentState.VISIBLE, ContentState.HELD) and entry.supports("hide"):
        actions.append(("nascondi", _("Nascondi"), "btn-outline-danger", True))
    if state == ContentState.HELD and entry.supports("approve"):
        actions.append(("approva", _("Approva e pubblica"), "btn-primary", False))
    if state == ContentState.HIDDEN and entry.supports("restore"):
        actions.append(("ripristina", _("Ripristina"), "btn-outline-primary", False))
    if state != ContentState.REMOVED and entry.supports("remove"):
        actions.append(("rimuovi", _("Rimuovi"), "btn-danger", True))
    author = entry.author(obj)
    return {
        "entry": entry,
        "target": obj,
        "title": entry.title(obj),
        "url": entry.url(obj),
        "state": state,
        "state_label": ContentState(state).label,
        "author": author,
        "reports": selectors.target_reports(obj),
        "log": selectors.target_actions(obj),
        "actions": actions,
        "form": form or ActionForm(),
        "may_suspend": author is not None and can(request.user, "suspend", author),
    }


@login_required
@require_GET
def target(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    entry, obj = selectors.access_target(request.user, label, object_id)
    return render(request, "moderation/target.html", _target_context(request, entry, obj, None))


@login_required
@require_POST
def act(request: HttpRequest, label: str, object_id: int, action: str) -> HttpResponse:
    entry, obj = selectors.access_target(request.user, label, object_id)
    if action not in ACTIONS:
        raise Http404
    verb, service = ACTIONS[action]
    form = ActionForm(request.POST)
    if form.is_valid():
        kwargs: dict[str, Any] = {"target": obj, "actor": request.user}
        if verb != "approve":
            kwargs["reason"] = form.cleaned_data["reason"]
        try:
            service(**kwargs)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                for message in _errors(error):
                    messages.error(request, message)
                return redirect(_target_url(entry, obj))
        else:
            messages.success(request, _("Fatto: azione registrata."))
            return redirect(_target_url(entry, obj))
    context = _target_context(request, entry, obj, form)
    context["failed_action"] = action
    return render(request, "moderation/target.html", context, status=400)


@login_required
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.access_report(request.user, pk)
    try:
        services.report_dismiss(report=report, actor=_user(request))
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Segnalazione archiviata."))
    return redirect(
        reverse(
            "moderation:target",
            kwargs={
                "label": f"{report.content_type.app_label}.{report.content_type.model}",
                "object_id": report.object_id,
            },
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    entry, obj = selectors.access_reportable(request.user, label, object_id)
    if not can(request.user, "report", obj):
        raise PermissionDenied
    htmx = bool(getattr(request, "htmx", False))
    template = "moderation/includes/report_form.html" if htmx else "moderation/report.html"
    context: dict[str, Any] = {
        "entry": entry,
        "target": obj,
        "title": entry.title(obj),
        "url": entry.url(obj),
        "action_url": request.path,
    }
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=_user(request),
                target=obj,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if htmx:
                return render(request, "moderation/includes/report_done.html", context)
            messages.success(
                request, _("Grazie: la segnalazione è arrivata ai moderatori, che la esamineranno.")
            )
            return redirect(entry.url(obj))
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


@login_required
@require_GET
def suspensions(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "view_suspensions"):
        raise PermissionDenied
    live_only = request.GET.get("attive") == "1"
    page_obj = Paginator(selectors.suspensions_list(live_only=live_only), 30).get_page(
        request.GET.get("pagina")
    )
    return render(
        request, "moderation/suspensions.html", {"page_obj": page_obj, "live_only": live_only}
    )


@login_required
@require_http_methods(["GET", "POST"])
def suspend(request: HttpRequest, public_id: str) -> HttpResponse:
    person = User.objects.filter(public_id=public_id, erased_at__isnull=True).first()
    if person is None or not can(request.user, "suspend", person):
        raise Http404
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_suspend(
                user=person,
                actor=_user(request),
                reason=form.cleaned_data["reason"],
                until=form.cleaned_data["until"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La persona è sospesa e ha ricevuto un'e-mail."))
            return redirect("moderation:suspensions")
    return render(
        request,
        "moderation/suspend.html",
        {"person": person, "form": form, "current": selectors.live_suspension(person)},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def unsuspend(request: HttpRequest, public_id: str) -> HttpResponse:
    if not can(request.user, "view_suspensions"):
        raise Http404
    person = User.objects.filter(public_id=public_id).first()
    if person is None:
        raise Http404
    try:
        services.user_unsuspend(user=person, actor=_user(request))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Sospensione revocata."))
    return redirect("moderation:suspensions")


@login_required
@require_GET
def badge(request: HttpRequest) -> HttpResponse:
    """The open reports' count in the header menu, fetched by HTMX after the page
    loads, so that no page pays for it (the link works without it)."""
    if not can(request.user, "moderate"):
        return HttpResponse("")
    count = selectors.open_reports_count(request.user)
    response = render(request, "moderation/includes/badge.html", {"count": count})
    response["Cache-Control"] = "private, no-store"
    return response
