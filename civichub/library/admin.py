"""Back office (Wagtail) of the library beyond its pages: the «Gradimento strumenti»
report (answers to «È stato utile?», comments and downloads per resource) and the
latest comments of one resource. For promoters and staff (``review_resources``);
promoters reach the back office through the "Promotori" group.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from .engagement import feedback_comments
from .models import ResourceKind, ResourcePage
from .permissions import can

REPORT_URL = "library_feedback_report"
REPORT_RESULTS_URL = "library_feedback_report_results"
DETAIL_URL = "library_feedback_detail"


def feedback_report_rows() -> QuerySet[ResourcePage]:
    """Live resources with their answers, share of «yes», downloads and comments; one
    query per page of the report whatever the number of rows."""
    answers = F("useful_yes") + F("useful_no")
    return (
        ResourcePage.objects.live()
        .annotate(
            useful_percent=Cast(F("useful_yes"), FloatField())
            * 100
            / NullIf(Cast(answers, FloatField()), 0.0),
            comment_count=Count("feedback", filter=~Q(feedback__comment="")),
        )
        .only("pk", "title", "kind", "useful_yes", "useful_no", "download_count")
    )


def _percent(resource: ResourcePage) -> str:
    value = getattr(resource, "useful_percent", None)
    return "—" if value is None else f"{number_format(round(value))}%"


def _kind(resource: ResourcePage) -> str:
    return str(ResourceKind(resource.kind).label) if resource.kind else ""


class _ReviewersOnly:
    """Promoters and staff; Wagtail has checked back-office access already."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can(request.user, "review_resources"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class FeedbackReportView(_ReviewersOnly, ReportView):
    page_title = _("Gradimento strumenti")
    header_icon = "comment"
    index_url_name = REPORT_URL
    index_results_url_name = REPORT_RESULTS_URL
    paginate_by = 50
    default_ordering = "-useful_yes"
    columns = [
        TitleColumn("title", label=_("Strumento"), url_name=DETAIL_URL, sort_key="title"),
        Column("kind", label=_("Tipo"), accessor=_kind, sort_key="kind"),
        NumberColumn("useful_yes", label=_("Utile: sì"), sort_key="useful_yes"),
        NumberColumn("useful_no", label=_("Utile: no"), sort_key="useful_no"),
        Column("useful_percent", label=_("% utile"), accessor=_percent, sort_key="useful_percent"),
        NumberColumn("download_count", label=_("Download"), sort_key="download_count"),
        NumberColumn("comment_count", label=_("Commenti"), sort_key="comment_count"),
    ]

    def get_base_queryset(self) -> QuerySet[ResourcePage]:
        return feedback_report_rows()

    def order_queryset(self, queryset: QuerySet[ResourcePage]) -> QuerySet[ResourcePage]:
        # A stable order for the pagination when many rows tie (e.g. no answers yet).
        ordering = self.ordering
        if not ordering:
            return queryset.order_by("-pk")
        field = ordering.lstrip("-")
        expression = (
            F(field).desc(nulls_last=True)
            if ordering.startswith("-")
            else F(field).asc(nulls_last=True)
        )
        return queryset.order_by(expression, "-pk")


class FeedbackDetailView(_ReviewersOnly, WagtailAdminTemplateMixin, TemplateView):
    """One resource's figures and its latest comments."""

    template_name = "library/admin/feedback_detail.html"
    header_icon = "comment"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.resource = get_object_or_404(feedback_report_rows(), pk=kwargs["pk"])

    def get_page_title(self) -> str:
        return str(self.resource.title)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(REPORT_URL), "label": _("Gradimento strumenti")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        resource = self.resource
        return super().get_context_data(
            resource=resource,
            kind_label=_kind(resource),
            percent=_percent(resource),
            comments=feedback_comments(resource),
            page_url=resource.get_url(self.request),
            edit_url=reverse("wagtailadmin_pages:edit", args=[resource.pk]),
            report_url=reverse(REPORT_URL),
            **kwargs,
        )
