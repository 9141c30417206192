"""Back office registrations of the communities app and its audit actions (every
part's ``services.<part>.LOG_ACTIONS``)."""

import importlib
from typing import Any

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import AreaPermissionPolicy, CommunitiesViewSetGroup, MembershipPermissionPolicy
from .models import Area, AreaMembership

PARTS = ("areas", "discussions", "workspace")

register_permission_policy(Area, AreaPermissionPolicy(Area), exact_class=True)
register_permission_policy(
    AreaMembership, MembershipPermissionPolicy(AreaMembership), exact_class=True
)
register_snippet(CommunitiesViewSetGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    for part in PARTS:
        try:
            module = importlib.import_module(f"civichub.communities.services.{part}")
        except ModuleNotFoundError:
            continue
        prefix = getattr(module, "LOG_PREFIX", "civichub.communities.")
        for name, (label, message) in getattr(module, "LOG_ACTIONS", {}).items():
            actions.register_action(prefix + name, label, message)
