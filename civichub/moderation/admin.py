"""Back office: reports and suspensions, read-only lists for promoters and staff.

Decisions are taken on the site's moderation pages (``/moderazione/``), where every
action goes through the services; the back office lists, filters, inspects and exports.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from civichub.accounts.models import Role, User
from civichub.accounts.permissions import is_promoter

from .models import Report, Suspension


class ReadOnlyPromoterPolicy(BasePermissionPolicy):
    """Promoters (staff included) may view; nobody adds, edits or deletes here."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and is_promoter(user)

    def users_with_any_permission(self, actions: Any) -> QuerySet[User]:
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True).filter(
            Q(role=Role.PROMOTER) | Q(is_staff=True) | Q(is_superuser=True)
        )


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "warning"
    menu_label = _lazy("Segnalazioni")
    list_display = [
        Column("content_type", label=_lazy("Tipo")),
        "object_id",
        "reason",
        Column("reporter", label=_lazy("Segnalata da")),
        "status",
        Column("created_at", label=_lazy("Segnalata il"), sort_key="created_at"),
    ]
    list_filter = ["status", "reason"]
    search_backend_name = None
    search_fields = ["note", "reporter__first_name", "reporter__last_name"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "content_type",
        "object_id",
        "reporter",
        "reason",
        "note",
        "scope",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    list_export = ["content_type", "object_id", "reason", "note", "status", "created_at"]
    export_filename = "segnalazioni"

    def get_queryset(self, request: Any) -> QuerySet[Report]:
        return Report.objects.select_related("reporter", "content_type")


class SuspensionViewSet(SnippetViewSet):
    model = Suspension
    icon = "lock"
    menu_label = _lazy("Sospensioni")
    list_display = [
        Column("user", label=_lazy("Persona")),
        "until",
        Column("created_at", label=_lazy("Decisa il"), sort_key="created_at"),
        "lifted_at",
    ]
    search_backend_name = None
    search_fields = ["user__first_name", "user__last_name", "reason"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "user",
        "reason",
        "until",
        "created_by",
        "created_at",
        "lifted_at",
        "lifted_by",
    ]

    def get_queryset(self, request: Any) -> QuerySet[Suspension]:
        return Suspension.objects.select_related("user")


class ModerationViewSetGroup(SnippetViewSetGroup):
    items = (ReportViewSet, SuspensionViewSet)
    menu_icon = "warning"
    menu_label = _lazy("Moderazione")
