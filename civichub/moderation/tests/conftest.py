from collections.abc import Iterator
from typing import Any

import pytest

from civichub.communities.models import AreaMembership, Thread

from ..registry import (
    entry_for,
    register_moderatable,
    register_scope_resolver,
    unregister_moderatable,
    unregister_scope_moderators,
    unregister_scope_resolver,
)


def facilitated_scopes(user: Any) -> set[str]:
    """A test resolver: ``area:<pk>`` for the areas a person facilitates."""
    ids = AreaMembership.objects.filter(user=user, role="facilitator", state="active").values_list(
        "area_id", flat=True
    )
    return {f"area:{pk}" for pk in ids}


def scope_people(scope: str) -> list[Any]:
    from civichub.accounts.models import User

    area_id = scope.removeprefix("area:")
    return list(
        User.objects.filter(
            area_memberships__area_id=area_id,
            area_memberships__role="facilitator",
            area_memberships__state="active",
        )
    )


approved: list[Any] = []


@pytest.fixture(autouse=True)
def registered() -> Iterator[None]:
    """Threads as a moderatable model with area scopes, whatever communities registers."""
    previous = entry_for(Thread)
    approved.clear()
    register_moderatable(
        Thread,
        author=lambda t: t.author,
        author_id=lambda t: t.author_id,
        title=lambda t: t.title,
        url=lambda t: f"/comunita/{t.area.slug}/{t.pk}-{t.slug}/",
        scope=lambda t: f"area:{t.area_id}",
        on_approve=approved.append,
        select_related=("area", "author"),
    )
    register_scope_resolver(facilitated_scopes, moderators=scope_people)
    yield
    unregister_scope_resolver(facilitated_scopes)
    unregister_scope_moderators(scope_people)
    unregister_moderatable(Thread)
    if previous is not None:
        register_moderatable(**{f: getattr(previous, f) for f in previous.__dataclass_fields__})


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """``with committed(): ...`` runs the on-commit callbacks (mail) at the block's end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
