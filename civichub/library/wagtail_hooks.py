from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin import (
    DETAIL_URL,
    REPORT_RESULTS_URL,
    REPORT_URL,
    FeedbackDetailView,
    FeedbackReportView,
)
from .permissions import can
from .services import LOG_PREFIX

LOG_ACTIONS = {
    "propose": (_("Proposta dal sito"), _("Strumento proposto dal sito e inviato in revisione")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions) -> None:
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list:
    return [
        path("strumenti/gradimento/", FeedbackReportView.as_view(), name=REPORT_URL),
        path(
            "strumenti/gradimento/risultati/",
            FeedbackReportView.as_view(results_only=True),
            name=REPORT_RESULTS_URL,
        ),
        path("strumenti/gradimento/<int:pk>/", FeedbackDetailView.as_view(), name=DETAIL_URL),
    ]


class ReviewersMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can(request.user, "review_resources")


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item() -> MenuItem:
    return ReviewersMenuItem(
        _("Gradimento strumenti"),
        reverse(REPORT_URL),
        name="library-feedback",
        icon_name="comment",
        order=650,
    )
