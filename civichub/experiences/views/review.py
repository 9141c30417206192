"""The promoters' review queue and decisions.

Like the contributor queue of ``organisations``: signed-in people who are not promoters
get a 403; an experience they may not see is a 404 as everywhere else.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from civichub.accounts.models import User

from .. import selectors, services
from ..completeness import experience_completeness
from ..forms import ReviewDecisionForm, UnpublishForm
from ..models import Experience, ExperienceReview
from ..permissions import can
from ..selectors import access_experience


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``."""

    user: User


PER_PAGE = 20
PAGE_PARAMETER = "pagina"


def _require(user: Any, permission: str, experience: Experience | None = None) -> None:
    if not can(user, permission, experience):
        raise PermissionDenied


@login_required
@require_safe
def review_queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Submitted experiences, the longest waiting first."""
    _require(request.user, "review_experiences")
    paginator = Paginator(selectors.review_queue(), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    items = [(experience, experience_completeness(experience)) for experience in page_obj]
    return render(
        request,
        "experiences/review_queue.html",
        {"page_obj": page_obj, "paginator": paginator, "items": items},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def experience_review(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The experience, its review history and the decision (or, once published, the
    withdrawal from the catalogue)."""
    experience = access_experience(request.user, slug)
    _require(request.user, "review_experiences")
    action = request.POST.get("azione") if request.method == "POST" else None
    decision_form = ReviewDecisionForm(request.POST if action == "decidi" else None)
    unpublish_form = UnpublishForm(request.POST if action == "ritira" else None)
    try:
        if action == "decidi" and decision_form.is_valid():
            decision = decision_form.cleaned_data["decision"]
            comment = decision_form.cleaned_data["comment"]
            if decision == ReviewDecisionForm.APPROVE:
                services.experience_approve(
                    experience=experience, actor=request.user, comment=comment
                )
                done = _("«%(title)s» è pubblicata.")
            elif decision == ReviewDecisionForm.CHANGES:
                services.experience_request_changes(
                    experience=experience, actor=request.user, comment=comment
                )
                done = _("Modifiche richieste agli autori di «%(title)s».")
            else:
                services.experience_reject(
                    experience=experience, actor=request.user, reason=comment
                )
                done = _("«%(title)s» è stata respinta.")
            messages.success(request, done % {"title": experience.title})
            return redirect("experiences:review_queue")
        if action == "ritira" and unpublish_form.is_valid():
            services.experience_unpublish(
                experience=experience,
                actor=request.user,
                reason=unpublish_form.cleaned_data["comment"],
            )
            messages.success(
                request,
                _("«%(title)s» non è più pubblicata: è tornata in bozza ai suoi autori.")
                % {"title": experience.title},
            )
            return redirect("experiences:review", slug=experience.slug)
    except ValidationError as error:
        form = decision_form if action == "decidi" else unpublish_form
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, next(iter(error.messages)))
            return redirect("experiences:review", slug=experience.slug)

    reviews = list(
        ExperienceReview.objects.filter(experience=experience)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "experiences/review.html",
        {
            "experience": experience,
            "completeness": experience_completeness(experience),
            "reviews": reviews,
            "themes": list(experience.themes.all()),
            "organisations": list(experience.organisations.select_related("organisation")),
            "decision_form": decision_form,
            "unpublish_form": unpublish_form,
            "can_review": can(request.user, "review_experience", experience),
            "can_unpublish": can(request.user, "unpublish_experience", experience),
        },
    )
