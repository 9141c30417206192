"""The "Aree di lavoro" section of people's profiles (accounts.registry): the areas the
person is an active member of that the viewer may see, in two queries."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from civichub.accounts.registry import ProfileSection, register_profile_section

from .selectors.areas import profile_areas


def _context(owner: Any, viewer: Any) -> dict[str, Any]:
    areas, total = profile_areas(owner, viewer)
    return {"areas": areas, "total": total}


register_profile_section(
    ProfileSection(
        key="communities",
        title=_("Aree di lavoro"),
        template="communities/includes/areas_profile.html",
        context=_context,
        order=40,
    )
)
