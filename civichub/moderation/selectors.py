"""Moderation reads: the queue, held posts, a target's page, the header count.

Every list costs a constant number of queries: one per registered model at most (the
targets of a page are loaded with one ``in_bulk`` per content type).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404

from civichub.accounts.permissions import is_promoter, is_staff

from .models import ContentState, ModerationAction, Report, ReportStatus, Suspension
from .permissions import can
from .registry import (
    Moderatable,
    entry_for_content_type,
    entry_for_label,
    get_target,
    moderatables,
    resolve_scopes,
)

QUEUE_PAGE_SIZE = 20
HELD_LIMIT = 50


@dataclass
class QueueItem:
    content_type_id: int
    object_id: int
    reports: int
    first_at: Any
    last_at: Any
    entry: Moderatable | None = None
    target: Any = None
    reasons: list[tuple[str, int]] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.entry is None or self.target is None:
            return ""
        return self.entry.title(self.target)

    @property
    def state(self) -> str:
        if self.entry is None or self.target is None:
            return ""
        return self.entry.current_state(self.target)


def reports_visible_to(user: Any) -> QuerySet[Report]:
    """Reports a person may decide: everything for promoters, their scopes otherwise."""
    if is_promoter(user) or is_staff(user):
        return Report.objects.all()
    scopes = resolve_scopes(user)
    return Report.objects.filter(scope__in=scopes) if scopes else Report.objects.none()


def _load_targets(keys: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[Moderatable, Any]]:
    by_type: dict[int, list[int]] = defaultdict(list)
    for ct_id, object_id in keys:
        by_type[ct_id].append(object_id)
    found: dict[tuple[int, int], tuple[Moderatable, Any]] = {}
    for ct_id, ids in by_type.items():
        entry = entry_for_content_type(ContentType.objects.get_for_id(ct_id))
        if entry is None:
            continue
        queryset = entry.model._default_manager.all()
        if entry.select_related:
            queryset = queryset.select_related(*entry.select_related)
        for pk, obj in queryset.in_bulk(ids).items():
            found[(ct_id, pk)] = (entry, obj)
    return found


def moderation_queue(
    user: Any, *, status: str = ReportStatus.OPEN, reason: str = "", page: Any = 1
) -> Page:
    """Reports grouped by target, most recently reported first, one page of them."""
    reports = reports_visible_to(user).filter(status=status)
    if reason:
        reports = reports.filter(reason=reason)
    groups = (
        reports.values("content_type", "object_id")
        .annotate(reports=Count("pk"), first_at=Min("created_at"), last_at=Max("created_at"))
        .order_by("-last_at", "-object_id")
    )
    page_obj = Paginator(groups, QUEUE_PAGE_SIZE).get_page(page)
    items = [
        QueueItem(
            content_type_id=row["content_type"],
            object_id=row["object_id"],
            reports=row["reports"],
            first_at=row["first_at"],
            last_at=row["last_at"],
        )
        for row in page_obj.object_list
    ]
    if items:
        targets = _load_targets([(i.content_type_id, i.object_id) for i in items])
        match = Q()
        for item in items:
            match |= Q(content_type_id=item.content_type_id, object_id=item.object_id)
        reasons: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
        for row in (
            reports.filter(match)
            .values("content_type", "object_id", "reason")
            .annotate(n=Count("pk"))
            .order_by("-n", "reason")
        ):
            reasons[(row["content_type"], row["object_id"])].append((row["reason"], row["n"]))
        for item in items:
            key = (item.content_type_id, item.object_id)
            item.entry, item.target = targets.get(key, (None, None))
            item.reasons = reasons.get(key, [])
    page_obj.object_list = items  # type: ignore[assignment]
    return page_obj


def held_items(user: Any) -> list[tuple[Moderatable, Any]]:
    """Posts waiting for approval that ``user`` moderates (the latest per model)."""
    found: list[tuple[Moderatable, Any]] = []
    for entry in moderatables():
        if not entry.state_field:
            continue
        queryset = entry.model._default_manager.filter(**{entry.state_field: ContentState.HELD})
        if entry.select_related:
            queryset = queryset.select_related(*entry.select_related)
        for obj in queryset.order_by("-pk")[:HELD_LIMIT]:
            if can(user, "moderate", obj):
                found.append((entry, obj))
    return found


def access_target(user: Any, label: str, object_id: int) -> tuple[Moderatable, Any]:
    """The target and its registry entry, if ``user`` moderates it; one 404 otherwise."""
    if entry_for_label(label) is None:
        raise Http404
    found = get_target(label, object_id)
    if found is None or not can(user, "moderate", found[1]):
        raise Http404
    return found


def access_reportable(user: Any, label: str, object_id: int) -> tuple[Moderatable, Any]:
    """The target, if ``user`` can see it (reporting is checked by the view); one 404."""
    found = get_target(label, object_id)
    if found is None or not found[0].can_view(user, found[1]):
        raise Http404
    return found


def target_reports(target: Any) -> QuerySet[Report]:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return (
        Report.objects.filter(content_type=ct, object_id=target.pk)
        .select_related("reporter", "decided_by")
        .order_by("status", "-created_at")
    )


def target_actions(target: Any) -> QuerySet[ModerationAction]:
    ct = ContentType.objects.get_for_model(target, for_concrete_model=False)
    return ModerationAction.objects.filter(content_type=ct, object_id=target.pk).select_related(
        "actor"
    )


def access_report(user: Any, pk: int) -> Report:
    report = reports_visible_to(user).filter(pk=pk).select_related("content_type").first()
    if report is None:
        raise Http404
    return report


def open_reports_count(user: Any) -> int:
    return reports_visible_to(user).filter(status=ReportStatus.OPEN).count()


def suspensions_list(*, live_only: bool = False) -> QuerySet[Suspension]:
    suspensions = Suspension.objects.select_related("user", "created_by", "lifted_by")
    if live_only:
        suspensions = suspensions.live()
    return suspensions.order_by("-created_at", "-pk")


def live_suspension(user: Any) -> Suspension | None:
    return Suspension.objects.live().filter(user=user).order_by("-created_at").first()
