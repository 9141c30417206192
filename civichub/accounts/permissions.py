"""Role predicates shared by every app (templates, views, API and services).

Apps build their own object predicates on top of these in their permissions.py.
"""

import rules

from .models import Role


@rules.predicate
def is_member(user) -> bool:
    """Signed in with an active account: a participant at least."""
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_staff(user) -> bool:
    return bool(is_member(user) and (user.is_staff or user.is_superuser))


@rules.predicate
def is_promoter(user) -> bool:
    return bool(is_member(user) and user.role == Role.PROMOTER) or is_staff(user)


@rules.predicate
def is_contributor(user) -> bool:
    """Contributors, and everyone above them, may publish content."""
    return bool(is_member(user) and user.role == Role.CONTRIBUTOR) or is_promoter(user)


rules.add_perm("accounts.access_promoters_workspace", is_promoter)
