"""Contribution: the multi-step form, drafts, submission, co-authors, replication.

Thin views: reads through ``access_experience`` and the small queries below, writes
through ``services``. Every step saves the draft; the last one (``invio``) shows what is
missing and submits. Everything works without JavaScript.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from civichub.accounts.models import User

from .. import services
from ..completeness import (
    FIRST_STEP,
    REVIEW_STEP,
    STEP_SLUGS,
    STEPS,
    Completeness,
    experience_completeness,
)
from ..forms import CoauthorInviteForm, EssentialForm, ReplicateForm, StepEditor, step_editor
from ..models import Experience, ExperienceCoauthor, State
from ..permissions import can, is_editor
from ..selectors import access_experience, coauthor_invitations, editable_experiences


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``."""

    user: User


CONTINUE = "continua"
SEARCH_PARAMETER = "organizzazione"
# The groups of "Le mie esperienze", in the order shown.
MINE_GROUPS = (
    State.CHANGES_REQUESTED,
    State.DRAFT,
    State.SUBMITTED,
    State.PUBLISHED,
    State.REJECTED,
)


def _require(user: Any, permission: str, experience: Experience | None = None) -> None:
    if not can(user, permission, experience):
        raise PermissionDenied


def _first_message(error: ValidationError) -> str:
    return next(iter(error.messages), _("L'operazione non è riuscita."))


def _step_url(experience: Experience, step: str) -> str:
    return reverse("experiences:edit_step", kwargs={"slug": experience.slug, "step": step})


def _after_save(request: HttpRequest, experience: Experience, step: str) -> HttpResponseRedirect:
    """«Salva e continua» goes to the next step, «Salva bozza» stays."""
    if request.POST.get("azione") == CONTINUE:
        step = STEP_SLUGS[min(STEP_SLUGS.index(step) + 1, len(STEP_SLUGS) - 1)]
    return redirect(_step_url(experience, step))


def _steps_nav(
    experience: Experience | None, current: str, completeness: Completeness | None
) -> list[dict[str, Any]]:
    return [
        {
            "slug": slug,
            "title": title,
            "number": number,
            "url": _step_url(experience, slug) if experience is not None else None,
            "current": slug == current,
            "state": completeness.step_state(slug)
            if completeness is not None and slug != REVIEW_STEP
            else "",
        }
        for number, (slug, title) in enumerate(STEPS, start=1)
    ]


def _render_step(
    request: HttpRequest,
    *,
    experience: Experience | None,
    step: str,
    editor: StepEditor | None,
    status: int = 200,
) -> HttpResponse:
    completeness = experience_completeness(experience) if experience is not None else None
    user = request.user
    index = STEP_SLUGS.index(step)
    context = {
        "experience": experience,
        "step": step,
        "step_title": dict(STEPS)[step],
        "step_number": index + 1,
        "steps_count": len(STEPS),
        "steps": _steps_nav(experience, step, completeness),
        "previous_url": _step_url(experience, STEP_SLUGS[index - 1])
        if experience is not None and index > 0
        else None,
        "editor": editor,
        "form": editor,
        "completeness": completeness,
        "search_parameter": SEARCH_PARAMETER,
    }
    if experience is not None:
        context.update(
            {
                "can_submit": can(user, "submit_experience", experience),
                "can_withdraw": can(user, "withdraw_experience", experience),
                "can_delete": can(user, "delete_experience", experience),
                "can_invite": can(user, "invite_coauthor", experience),
                "can_edit": can(user, "edit_experience", experience),
            }
        )
    return render(request, "experiences/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def experience_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 1 of a new experience; the draft exists from the first save."""
    _require(request.user, "create_experience")
    form = EssentialForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            experience = services.experience_create(actor=request.user, data=form.to_data())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Bozza salvata: puoi continuare ora o riprenderla più tardi da "
                    "«Le mie esperienze»."
                ),
            )
            return _after_save(request, experience, FIRST_STEP)
    return _render_step(request, experience=None, step=FIRST_STEP, editor=form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def experience_edit(
    request: AuthenticatedHttpRequest, slug: str, step: str | None = None
) -> HttpResponse:
    experience = access_experience(request.user, slug)
    if step is None:
        return redirect(_step_url(experience, FIRST_STEP))
    if step not in STEP_SLUGS:
        raise Http404
    user = request.user
    if not can(user, "edit_experience", experience):
        if not can(user, "withdraw_experience", experience):
            raise PermissionDenied
        # In review: the last step shows its state and lets the authors withdraw it.
        if step != REVIEW_STEP:
            messages.info(
                request,
                _("L'esperienza è in revisione: ritirala dalla revisione per modificarla."),
            )
            return redirect(_step_url(experience, REVIEW_STEP))
    if step == REVIEW_STEP:
        if request.method == "POST":
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        return _render_step(request, experience=experience, step=step, editor=None)

    query = request.GET.get(SEARCH_PARAMETER, "").strip()[:100]
    if request.method != "POST":
        editor = step_editor(step, experience=experience, user=user, query=query)
        return _render_step(request, experience=experience, step=step, editor=editor)
    editor = step_editor(
        step,
        experience=experience,
        user=user,
        data=request.POST,
        files=request.FILES,
        query=query,
    )
    if editor.is_valid():
        try:
            experience = services.experience_update(
                experience=experience, actor=user, data=editor.to_data()
            )
        except ValidationError as error:
            editor.add_service_error(error)
        else:
            messages.success(request, _("Modifiche salvate."))
            return _after_save(request, experience, step)
    return _render_step(request, experience=experience, step=step, editor=editor)


@login_required
@require_POST
def experience_submit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experience = access_experience(request.user, slug)
    if not is_editor(request.user, experience):
        raise PermissionDenied
    try:
        services.experience_submit(experience=experience, actor=request.user)
    except ValidationError as error:
        messages.error(request, _first_message(error))
        return redirect(_step_url(experience, REVIEW_STEP))
    messages.success(
        request,
        _(
            "Esperienza inviata in revisione: riceverai un'e-mail quando i promotori "
            "avranno deciso."
        ),
    )
    return redirect("experiences:mine")


@login_required
@require_POST
def experience_withdraw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experience = access_experience(request.user, slug)
    if not is_editor(request.user, experience):
        raise PermissionDenied
    try:
        services.experience_withdraw(experience=experience, actor=request.user)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, _("Esperienza ritirata dalla revisione: ora è una bozza."))
    return redirect(_step_url(experience, REVIEW_STEP))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def experience_delete(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experience = access_experience(request.user, slug)
    _require(request.user, "delete_experience", experience)
    if request.method == "POST":
        try:
            services.experience_delete(experience=experience, actor=request.user)
        except ValidationError as error:
            messages.error(request, _first_message(error))
        else:
            messages.success(
                request, _("Bozza «%(title)s» eliminata.") % {"title": experience.title}
            )
        return redirect("experiences:mine")
    return render(request, "experiences/confirm_delete.html", {"experience": experience})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def experience_replicate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Start a new draft, in one's own comune, from a published experience."""
    source = access_experience(request.user, slug)
    _require(request.user, "replicate_experience", source)
    profile = getattr(request.user, "profile", None)
    initial = {"municipality": getattr(profile, "municipality_id", None)}
    form = ReplicateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            replica = services.experience_replicate(
                source=source,
                actor=request.user,
                municipality=form.cleaned_data["municipality"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Nuova bozza creata a partire da «%(title)s»: adattala al tuo territorio "
                    "e inviala in revisione quando è pronta."
                )
                % {"title": source.title},
            )
            return redirect(_step_url(replica, FIRST_STEP))
    return render(request, "experiences/replicate.html", {"experience": source, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def experience_coauthors(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    experience = access_experience(request.user, slug)
    _require(request.user, "invite_coauthor", experience)
    action = request.POST.get("azione") if request.method == "POST" else None
    form = CoauthorInviteForm(
        request.POST if action == "invita" else None,
        people=services.eligible_coauthors(experience),
    )
    if action == "invita" and form.is_valid():
        person = form.cleaned_data["user"]
        try:
            services.coauthor_invite(experience=experience, actor=request.user, user=person)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invito inviato a %(name)s.") % {"name": person.display_name},
            )
            return redirect("experiences:coauthors", slug=experience.slug)
    elif action == "rimuovi":
        pk = request.POST.get("coautore", "")
        coauthor = (
            ExperienceCoauthor.objects.select_related("user", "experience")
            .filter(experience=experience, pk=int(pk))
            .first()
            if pk.isdigit() and len(pk) < 10
            else None
        )
        if coauthor is None:
            raise Http404
        services.coauthor_remove(coauthor=coauthor, actor=request.user)
        messages.success(
            request,
            _("%(name)s non è più coautore.") % {"name": coauthor.user.display_name},
        )
        return redirect("experiences:coauthors", slug=experience.slug)
    elif action is not None and action != "invita":
        messages.error(request, _("Azione non riconosciuta."))
    coauthors = list(
        ExperienceCoauthor.objects.filter(experience=experience)
        .select_related("user")
        .order_by("invited_at", "pk")
    )
    return render(
        request,
        "experiences/coauthors.html",
        {"experience": experience, "coauthors": coauthors, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def coauthor_accept(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The invited person accepts (or declines) from «Le mie esperienze»."""
    if request.method != "POST":
        return redirect("experiences:mine")
    invitation = (
        ExperienceCoauthor.objects.select_related("experience", "user")
        .filter(experience__slug=slug, user=request.user)
        .first()
    )
    if invitation is None:
        raise Http404
    experience = invitation.experience
    if request.POST.get("azione") == "rifiuta":
        services.coauthor_remove(coauthor=invitation, actor=request.user)
        messages.success(request, _("Invito rifiutato."))
        return redirect("experiences:mine")
    services.coauthor_accept(experience=experience, user=request.user)
    messages.success(
        request,
        _("Ora sei coautore di «%(title)s».") % {"title": experience.title},
    )
    if can(request.user, "edit_experience", experience):
        return redirect(_step_url(experience, FIRST_STEP))
    return redirect("experiences:mine")


@login_required
@require_safe
def my_experiences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's experiences by state, and the invitations waiting for an answer."""
    user = request.user
    experiences = editable_experiences(user)
    groups = []
    for state in MINE_GROUPS:
        items = [
            (experience, experience_completeness(experience))
            for experience in experiences
            if experience.state == state
        ]
        if items:
            groups.append({"state": state, "label": State(state).label, "items": items})
    invitations = coauthor_invitations(user)
    return render(
        request,
        "experiences/mine.html",
        {
            "groups": groups,
            "invitations": invitations,
            "can_create": can(user, "create_experience"),
        },
    )
