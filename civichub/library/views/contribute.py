"""Contribution from the site: propose a resource, follow one's proposals.

A proposal becomes a draft page in the back office's moderation workflow; after the
submit it is not edited on the site (editors may change it in the back office, or ask
for changes, which the proposer reads here and in an e-mail).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Page, WorkflowState

from civichub.accounts.models import User

from .. import selectors, services
from ..forms import ProposeForm
from ..models import ResourceKind, ResourcePage
from ..permissions import can

PROPOSALS_PER_PAGE = 20


class AuthenticatedHttpRequest(HttpRequest):
    user: User


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def resource_propose(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can(request.user, "propose_resource"):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ProposeForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                resource = services.resource_propose(actor=request.user, data=form.to_data())
            except ValidationError as error:
                form.add_service_error(error)
                if getattr(error, "code", None) == "rate_limit":
                    status = 429
            else:
                messages.success(
                    request,
                    _(
                        "Grazie! «%(title)s» è in revisione: riceverai un'e-mail quando la "
                        "redazione avrà deciso."
                    )
                    % {"title": resource.title},
                )
                return redirect("library:mine")
    else:
        form = ProposeForm(user=request.user)
    return render(
        request,
        "library/propose.html",
        {"form": form, "per_day": services.PROPOSALS_PER_DAY},
        status=status,
    )


# --- my proposals ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalState:
    key: str
    label: Any


IN_REVIEW = ProposalState("in_review", gettext_lazy("In revisione"))
PUBLISHED = ProposalState("published", gettext_lazy("Pubblicato"))
SCHEDULED = ProposalState("scheduled", gettext_lazy("Pubblicazione programmata"))
CHANGES_REQUESTED = ProposalState("changes_requested", gettext_lazy("Da modificare"))
DRAFT = ProposalState("draft", gettext_lazy("Bozza"))


@dataclass(frozen=True)
class ProposalRow:
    resource: ResourcePage
    kind_label: Any
    state: ProposalState
    url: str = ""
    comment: str = ""


def _proposal_rows(request: HttpRequest, resources: list[ResourcePage]) -> list[ProposalRow]:
    """Each proposal with its state; two queries for any number of rows (the pages and
    their running workflows with the current task's comment)."""
    page_type = ContentType.objects.get_for_model(Page)
    workflows = {
        int(state.object_id): state
        for state in WorkflowState.objects.active()
        .filter(base_content_type=page_type, object_id__in=[str(r.pk) for r in resources])
        .select_related("current_task_state")
    }
    rows = []
    for resource in resources:
        workflow = workflows.get(resource.pk)
        url, comment = "", ""
        if resource.live:
            state, url = PUBLISHED, resource.get_url(request) or ""
        elif workflow is not None and workflow.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state = CHANGES_REQUESTED
            task_state = workflow.current_task_state
            comment = task_state.comment if task_state is not None else ""
        elif workflow is not None:
            state = IN_REVIEW
        elif resource.approved_schedule:
            state = SCHEDULED
        else:
            state = DRAFT
        kind_label = ResourceKind(resource.kind).label if resource.kind else ""
        rows.append(ProposalRow(resource, kind_label, state, url, comment))
    return rows


@login_required
@require_safe
def my_proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can(request.user, "view_proposals"):
        raise PermissionDenied
    page_obj: PaginatorPage = Paginator(
        selectors.my_proposals(request.user), PROPOSALS_PER_PAGE
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "library/mine.html",
        {
            "rows": _proposal_rows(request, list(page_obj.object_list)),
            "page_obj": page_obj,
            "can_propose": can(request.user, "propose_resource"),
        },
    )
