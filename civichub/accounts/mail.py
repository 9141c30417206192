"""Helpers for the hub's own messages: its name and absolute links."""

from django.conf import settings


def hub_name() -> str:
    from civichub.cms.models import HubSettings

    return HubSettings.load().name or settings.HUB_NAME


def absolute_url(path: str) -> str:
    """Links in e-mail are absolute: messages are rendered outside any request."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"
