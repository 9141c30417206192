"""What the areas part registers with other apps (called from ``apps.ready()``): the
``areas`` notification kind, ``Area`` as followable, the moderation scope of
facilitators, the profile section and the GDPR exporter / eraser of memberships."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .models import Area, AreaMembership, MemberRole, MemberState


def facilitated_scopes(user: Any) -> set[str]:
    """``area:<pk>`` of the areas ``user`` facilitates (moderation's scope resolver)."""
    if not (user and user.is_authenticated):
        return set()
    ids = AreaMembership.objects.filter(
        user=user, state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
    ).values_list("area_id", flat=True)
    return {f"area:{pk}" for pk in ids}


def scope_moderators(scope: str) -> list[Any]:
    """The facilitators of the area of ``area:<pk>`` (told of new reports)."""
    prefix, _sep, pk = scope.partition(":")
    if prefix != "area" or not pk.isdigit():
        return []
    rows = AreaMembership.objects.filter(
        area_id=int(pk), state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
    ).select_related("user")
    return [row.user for row in rows]


def export_memberships(user: Any) -> Any:
    from civichub.accounts.registry import ExportSection

    rows = AreaMembership.objects.filter(user=user).select_related("area")
    return ExportSection(
        data=[
            {
                "area": row.area.name,
                "url": row.area.get_absolute_url(),
                "role": row.role,
                "state": row.state,
                "message": row.message,
                "created_at": row.created_at,
                "decided_at": row.decided_at,
            }
            for row in rows
        ]
    )


def erase_memberships(user: Any) -> None:
    """Delete the person's memberships; the areas' ``members_count`` drops by one for
    each active one (area rows locked, like the services do)."""
    with transaction.atomic():
        active = list(
            AreaMembership.objects.filter(user=user, state=MemberState.ACTIVE).values_list(
                "area_id", flat=True
            )
        )
        list(Area.objects.select_for_update().filter(pk__in=active).values_list("pk"))
        Area.objects.filter(pk__in=active).update(members_count=F("members_count") - 1)
        AreaMembership.objects.filter(user=user).delete()


def register() -> None:
    from civichub.accounts.registry import (
        NotificationKind,
        register_data_exporter,
        register_eraser,
        register_notification_kind,
    )
    from civichub.moderation.registry import register_scope_resolver
    from civichub.notifications.registry import register_followable

    from . import profile  # noqa: F401  (registers the "Aree di lavoro" profile section)
    from .permissions import can_view_area

    register_notification_kind(
        NotificationKind(
            "areas",
            _("Aree di lavoro"),
            _(
                "Inviti, richieste di adesione e il loro esito, nuove discussioni nelle aree "
                "che segui."
            ),
            default="daily",
        )
    )
    register_followable(
        Area,
        _("Aree di lavoro"),
        visible=lambda user, area: bool(can_view_area(user, area)),
        title=lambda area: area.tr_name,
        order=40,
    )
    register_scope_resolver(facilitated_scopes, moderators=scope_moderators)
    register_data_exporter("communities_areas", export_memberships)
    register_eraser("communities_areas", erase_memberships)
