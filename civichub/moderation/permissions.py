"""Who may report, moderate and suspend (``rules`` predicates).

Check with ``can(user, "moderation.<perm>", obj)`` (``civichub.accounts.permissions``
prefixes ``accounts.``, so use ``rules.has_perm`` through ``can`` here). Every posting
permission elsewhere adds ``& ~is_suspended``.
"""

from typing import Any

import rules
from django.core.cache import cache

from civichub.accounts.permissions import has_joined, is_member, is_promoter, is_staff

from .models import Suspension
from .registry import entry_for, resolve_scopes

SUSPENDED_CACHE_KEY = "moderation:suspended:{}"


@rules.predicate
def is_suspended(user: Any) -> bool:
    """A live suspension (not lifted, ``until`` empty or in the future). Memoised on the
    user object, so one query per request however many checks a page makes."""
    if not is_member(user):
        return False
    if "_moderation_suspended" not in user.__dict__:
        user.__dict__["_moderation_suspended"] = (
            Suspension.objects.live().filter(user=user).exists()
        )
    return user.__dict__["_moderation_suspended"]


def forget_suspension_memo(user: Any) -> None:
    user.__dict__.pop("_moderation_suspended", None)
    cache.delete(SUSPENDED_CACHE_KEY.format(user.pk))


def _author_pk(target: Any) -> Any:
    entry = entry_for(target)
    if entry is None:
        return None
    return entry.author_pk(target)


@rules.predicate
def is_moderatable(user: Any, target: Any) -> bool:
    return target is not None and entry_for(target) is not None


@rules.predicate
def is_own_content(user: Any, target: Any) -> bool:
    return bool(is_member(user) and target is not None and _author_pk(target) == user.pk)


@rules.predicate
def can_see_target(user: Any, target: Any) -> bool:
    entry = entry_for(target) if target is not None else None
    return bool(entry is not None and entry.can_view(user, target))


@rules.predicate
def moderates(user: Any, target: Any) -> bool:
    """Promoters and staff moderate everything; others the scopes they resolve to. With
    no target: whether the person moderates anything (the queue)."""
    if not is_member(user):
        return False
    if is_promoter(user) or is_staff(user):
        return True
    scopes = resolve_scopes(user)
    if target is None:
        return bool(scopes)
    entry = entry_for(target)
    if entry is None:
        return False
    scope = entry.scope(target)
    return bool(scope) and scope in scopes


@rules.predicate
def may_be_suspended(user: Any, target: Any) -> bool:
    """Promoters and staff cannot be suspended from the site (staff change their roles)."""
    return bool(
        target is not None
        and getattr(target, "pk", None) != getattr(user, "pk", None)
        and target.is_active
        and not (target.is_staff or target.is_superuser or target.role == "promoter")
    )


rules.add_perm(
    "moderation.report",
    has_joined & ~is_suspended & is_moderatable & ~is_own_content & can_see_target,
)
rules.add_perm("moderation.moderate", moderates)
rules.add_perm("moderation.suspend", (is_promoter | is_staff) & may_be_suspended)
rules.add_perm("moderation.view_suspensions", is_promoter | is_staff)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    return rules.has_perm(f"moderation.{permission}", user, obj)
