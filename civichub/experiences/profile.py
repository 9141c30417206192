"""The "Esperienze" section of people's public profiles (accounts.registry)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from civichub.accounts.registry import ProfileSection, register_profile_section

from .related import author_experiences


def _context(owner: Any, viewer: Any) -> dict[str, Any]:
    experiences, total = author_experiences(owner)
    return {"experiences": experiences, "total": total}


register_profile_section(
    ProfileSection(
        key="experiences",
        title=_("Esperienze"),
        template="experiences/includes/profile_experiences.html",
        context=_context,
        order=10,
    )
)
