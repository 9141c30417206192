"""«È stato utile?» and counted downloads.

Resource pages are Wagtail pages that anonymous visitors get from the whole-page cache
(core.cache), which stores only responses that set no cookie: the pages render no CSRF
token for them, and the feedback endpoint checks CSRF only for signed-in people, as the
experiences' one does (see ``resource_feedback``).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseForbidden,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from civichub.core import feedback, visitors

from .. import engagement
from ..models import ResourceFile, ResourcePage
from ..permissions import can
from ..selectors import public_resources

THANKS_PARAMETER = "riscontro"
YES, NO = "si", "no"


class FeedbackForm(forms.Form):
    """«È stato utile?»: the answer comes from the button pressed (Sì / No)."""

    useful = forms.ChoiceField(
        label=gettext_lazy("È stato utile?"),
        choices=[(YES, gettext_lazy("Sì")), (NO, gettext_lazy("No"))],
    )
    comment = forms.CharField(
        label=gettext_lazy("Vuoi dirci perché? (facoltativo)"),
        required=False,
        max_length=feedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Al massimo 1.000 caratteri. Lo leggono solo i promotori "
            "e chi ha proposto lo strumento."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "riscontro-%s")
        super().__init__(*args, **kwargs)


def feedback_context(
    request: HttpRequest, resource: ResourcePage, form: FeedbackForm | None = None
) -> dict[str, Any]:
    """What ``includes/resource_feedback.html`` needs; the answers and comments only for
    promoters and the person who proposed the resource."""
    manager = can(request.user, "view_proposal", resource)
    return {
        "resource": resource,
        "feedback_form": form or FeedbackForm(),
        "feedback_thanks": request.GET.get(THANKS_PARAMETER) == "grazie",
        "own_feedback": engagement.feedback_of(resource, request.user),
        "sees_feedback": manager,
        "feedback_comments": engagement.feedback_comments(resource) if manager else [],
    }


def _visible_resource(pk: int) -> ResourcePage:
    """A live, public resource; the same 404 for missing, draft and private ones."""
    resource = public_resources().filter(pk=pk).first()
    if resource is None:
        raise Http404
    return resource.specific


@csrf_exempt
@require_POST
def resource_feedback(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Record «È stato utile?».

    Visitors post without a CSRF token (their page comes from the cache). That is safe
    here: the session and visitor cookies are SameSite=Lax, so a forged cross-site post
    carries neither and can only add an anonymous answer, which anyone can do directly;
    browsers that tell us the post is cross-site are refused anyway. Signed-in people
    (whose pages are never cached) get the usual CSRF check.
    """
    if request.user.is_authenticated:
        rejection = visitors.csrf_rejection(request)
        if rejection is not None:
            return rejection
    elif visitors.cross_site(request):
        return HttpResponseForbidden()
    resource = _visible_resource(pk)
    htmx = bool(getattr(request, "htmx", False))
    form = FeedbackForm(request.POST)
    visitor_key, new_visitor = (
        ("", False) if request.user.is_authenticated else visitors.visitor_key(request)
    )
    if form.is_valid():
        try:
            engagement.resource_feedback_record(
                resource=resource,
                user=request.user,
                visitor_key=visitor_key,
                useful=form.cleaned_data["useful"] == YES,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        if htmx:
            return render(
                request,
                "library/includes/resource_feedback.html",
                feedback_context(request, resource, form),
            )
        # Without JavaScript: the whole page again, with the errors and what was typed.
        context = resource.get_context(request, feedback_form=form)
        return TemplateResponse(request, resource.get_template(request), context, status=400)
    response: HttpResponse
    if htmx:
        context = feedback_context(request, resource)
        response = render(
            request,
            "library/includes/resource_feedback.html",
            {**context, "feedback_thanks": True},
        )
    else:
        response = HttpResponseRedirect(f"{resource.url}?{THANKS_PARAMETER}=grazie#riscontro")
    if new_visitor:
        visitors.remember_visitor(response, visitor_key)
    return response


@require_GET
def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Count a download and send the browser to the Wagtail document (which applies
    its own privacy checks). Never cached, so that every download counts."""
    file = (
        ResourceFile.objects.select_related("document")
        .filter(pk=pk, resource__in=public_resources())
        .first()
    )
    if file is None:
        raise Http404
    engagement.file_download_count(file=file)
    response = HttpResponseRedirect(file.document.url)
    response["Cache-Control"] = "no-store"
    return response
