from typing import Any

from django import template
from django.urls import reverse

from ..permissions import can
from ..registry import entry_for

register = template.Library()


@register.simple_tag(takes_context=True)
def can_report(context: Any, target: Any) -> bool:
    """``{% can_report target as allowed %}``: whether the person may report it."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(target is not None and can(user, "report", target))


@register.simple_tag
def report_url(target: Any) -> str:
    entry = entry_for(target)
    if entry is None:
        return ""
    return reverse("moderation:report", kwargs={"label": entry.label, "object_id": target.pk})


@register.filter
def reason_label(value: str) -> str:
    from ..models import ReportReason

    try:
        return str(ReportReason(value).label)
    except ValueError:
        return value
