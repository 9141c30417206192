"""Back office (Wagtail): issues and subscribers, for promoters.

Every check goes through ``permissions.can``, so the back office allows exactly what the
services allow: an issue is edited and deleted only as a draft, sent once, and a
subscriber is never edited, only unsubscribed. Composing, sending and unsubscribing
call the services (log, state checks); the edit form saves the content fields only.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from civichub.accounts.models import Role, User

from .forms import ComposeIssueForm
from .models import Issue, IssueStatus, Subscriber
from .permissions import can
from .selectors import confirmed_by_language, subscriber_counts
from .services import issue_compose, issue_resume, issue_send, month_start, subscriber_unsubscribe

ISSUE_URLS = "wagtailsnippets_newsletter_issue"
SUBSCRIBER_URLS = "wagtailsnippets_newsletter_subscriber"


class PromoterPermissionPolicy(BasePermissionPolicy):
    """Wagtail's questions answered by the newsletter's rules: promoters (staff
    included) may take ``actions``; nobody else may take any."""

    actions: frozenset[str] = frozenset()

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.actions and can(user, "manage_newsletter")

    def users_with_any_permission(self, actions: Any) -> QuerySet[User]:
        if not self.actions.intersection(actions):
            return User.objects.none()
        return User.objects.filter(is_active=True).filter(
            Q(role=Role.PROMOTER) | Q(is_staff=True) | Q(is_superuser=True)
        )


class IssuePermissionPolicy(PromoterPermissionPolicy):
    actions = frozenset({"view", "change", "delete"})
    _instance_rules = {"change": "edit_issue", "delete": "delete_issue"}

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if action in self._instance_rules:
            return can(user, self._instance_rules[action], instance)
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet[Issue]:
        if not self.user_has_any_permission(user, actions):
            return Issue.objects.none()
        if {"view"} & set(actions):
            return Issue.objects.all()
        return Issue.objects.filter(status=IssueStatus.DRAFT)


class SubscriberPermissionPolicy(PromoterPermissionPolicy):
    actions = frozenset({"view"})


def _issue_buttons(user: Any, issue: Issue) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the newsletter's own actions on ``issue``."""
    buttons = []
    if can(user, "send_issue", issue):
        buttons.append((_("Invia"), reverse(f"{ISSUE_URLS}:send", args=[issue.pk]), "mail"))
    if can(user, "resume_issue", issue):
        buttons.append(
            (_("Riprendi l'invio"), reverse(f"{ISSUE_URLS}:send", args=[issue.pk]), "resubmit")
        )
    if issue.status == IssueStatus.SENT:
        buttons.append((_("Versione web"), issue.get_absolute_url(), "link-external"))
    return buttons


class IssueIndexView(IndexView):
    @cached_property
    def header_buttons(self) -> list[Any]:
        if not can(self.request.user, "compose_issue"):
            return []
        url = reverse(f"{ISSUE_URLS}:compose")
        return [HeaderButton(_("Componi un numero"), url=url, icon_name="plus")]

    def get_list_more_buttons(self, instance: Issue) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(
            _issue_buttons(self.request.user, instance), start=5
        ):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class _InstanceCheckedMixin:
    """Wagtail's generic edit and delete views check the model-level permission only;
    an issue is edited and deleted only while it is a draft."""

    instance_permission = ""
    object: Issue
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can(request.user, self.instance_permission, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class IssueEditView(_InstanceCheckedMixin, EditView):
    instance_permission = "edit_issue"

    @cached_property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        for priority, (label, url, icon) in enumerate(
            _issue_buttons(self.request.user, self.object), start=5
        ):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class IssueDeleteView(_InstanceCheckedMixin, DeleteView):
    instance_permission = "delete_issue"


class IssueAdminForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # The edit view was opened while a draft; another promoter may have sent it since.
        if (
            self.instance.pk
            and not Issue.objects.filter(pk=self.instance.pk, status=IssueStatus.DRAFT).exists()
        ):
            raise ValidationError(
                _("Questo numero è già stato inviato: non si può più modificare.")
            )
        self.instance.updated_at = timezone.now()
        return cleaned


class _NewsletterAdminView(WagtailAdminTemplateMixin):
    """A back-office page of the newsletter, under the issues' breadcrumb."""

    header_icon = "mail"
    permission = "manage_newsletter"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can(request.user, self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{ISSUE_URLS}:list"), "label": _("Numeri della newsletter")},
            {"url": "", "label": self.get_page_title()},
        ]


class IssueComposeView(_NewsletterAdminView, FormView):
    template_name = "newsletter/admin/compose.html"
    form_class = ComposeIssueForm
    page_title = _lazy("Componi un numero")
    permission = "compose_issue"

    def get_initial(self) -> dict[str, Any]:
        last_month = month_start(timezone.localdate()) - datetime.timedelta(days=1)
        return {"month": month_start(last_month)}

    def form_valid(self, form: ComposeIssueForm) -> HttpResponse:
        try:
            issue, created = issue_compose(
                period=form.cleaned_data["month"], actor=self.request.user
            )
        except ValidationError as error:
            form.add_error("month", error)
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("Bozza composta: rivedila e inviala."))
        else:
            messages.warning(self.request, _("Il numero di quel mese esiste già."))
        if can(self.request.user, "edit_issue", issue):
            return redirect(f"{ISSUE_URLS}:edit", issue.pk)
        return redirect(f"{ISSUE_URLS}:list")


class IssueSendView(_NewsletterAdminView, TemplateView):
    """The confirmation before sending (or resuming), then the POST that does it."""

    template_name = "newsletter/admin/send.html"
    page_title = _lazy("Invia il numero")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.issue = get_object_or_404(Issue, pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            issue=self.issue,
            can_send=can(self.request.user, "send_issue", self.issue),
            can_resume=can(self.request.user, "resume_issue", self.issue),
            recipients=confirmed_by_language(),
            list_url=reverse(f"{ISSUE_URLS}:list"),
            edit_url=reverse(f"{ISSUE_URLS}:edit", args=[self.issue.pk]),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if self.issue.status == IssueStatus.SENDING:
                remaining = issue_resume(issue=self.issue, actor=request.user)
                messages.success(
                    request,
                    _("Invio ripreso per %(count)s destinatari non ancora raggiunti.")
                    % {"count": remaining},
                )
            else:
                issue = issue_send(issue=self.issue, actor=request.user)
                messages.success(
                    request,
                    _("Invio avviato: %(count)s destinatari, a gruppi.")
                    % {"count": issue.recipients_count},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{ISSUE_URLS}:list")


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "mail"
    menu_label = _lazy("Numeri")
    list_display = ["__str__", "period", "status", "recipients_count", "delivered_count", "sent_at"]
    list_filter = ["status"]
    search_backend_name = None
    search_fields = ["subject", "subject_en"]
    ordering = ["-period"]
    index_view_class = IssueIndexView
    edit_view_class = IssueEditView
    delete_view_class = IssueDeleteView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "period",
        "subject",
        "subject_en",
        "status",
        "sending_started_at",
        "sent_at",
        "sent_by",
        "recipients_count",
        "delivered_count",
        "failed_count",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("subject"),
            FieldPanel("subject_en"),
            FieldPanel("intro"),
            FieldPanel("intro_en"),
            FieldPanel("sections"),
            MultiFieldPanel(
                [
                    FieldPanel("period", read_only=True),
                    FieldPanel("status", read_only=True),
                    FieldPanel("created_by", read_only=True),
                ],
                heading=_lazy("Stato"),
            ),
        ],
        base_form_class=IssueAdminForm,
    )

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("componi/", IssueComposeView.as_view(), name="compose"),
            path("invia/<int:pk>/", IssueSendView.as_view(), name="send"),
        ]


class SubscriberIndexView(IndexView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["subscriber_counts"] = subscriber_counts()
        return context

    def get_list_more_buttons(self, instance: Subscriber) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        if can(self.request.user, "unsubscribe_subscriber", instance):
            url = reverse(f"{SUBSCRIBER_URLS}:unsubscribe", args=[instance.pk])
            buttons.append(MenuItem(_("Disiscrivi"), url=url, icon_name="cross", priority=40))
        return buttons


class SubscriberUnsubscribeView(_NewsletterAdminView, TemplateView):
    template_name = "newsletter/admin/unsubscribe.html"
    page_title = _lazy("Disiscrivi")

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.subscriber = get_object_or_404(Subscriber, pk=kwargs["pk"])

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{SUBSCRIBER_URLS}:list"), "label": _("Iscritti")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            subscriber=self.subscriber, list_url=reverse(f"{SUBSCRIBER_URLS}:list"), **kwargs
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        subscriber_unsubscribe(subscriber=self.subscriber, actor=request.user)
        messages.success(
            request, _("%(email)s non riceverà più la newsletter.") % {"email": self.subscriber}
        )
        return redirect(f"{SUBSCRIBER_URLS}:list")


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _lazy("Iscritti")
    list_display = ["email", "status", "language", "user", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_backend_name = None
    search_fields = ["email"]
    ordering = ["-created_at"]
    index_view_class = SubscriberIndexView
    index_template_name = "newsletter/admin/subscriber_index.html"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "status",
        "language",
        "user",
        "consent_version",
        "consent_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Subscriber]:
        return Subscriber.objects.select_related("user")

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("disiscrivi/<int:pk>/", SubscriberUnsubscribeView.as_view(), name="unsubscribe"),
        ]


class NewsletterViewSetGroup(SnippetViewSetGroup):
    items = (IssueViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _lazy("Newsletter")
    menu_name = "newsletter"
