"""Audit log: every workflow action is recorded in Wagtail's log, shown in the back office.

Actions are registered by each app in ``wagtail_hooks.py`` with
``@hooks.register("register_log_actions")``; names look like ``civichub.<app>.<verb>``.
"""

from typing import Any

from django.db.models import Model
from wagtail.log_actions import log


def log_action(*, instance: Model, action: str, user: Any = None, data: dict | None = None) -> None:
    log(instance=instance, action=action, user=user, data=data or {})
