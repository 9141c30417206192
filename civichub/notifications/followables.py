"""The models of other apps that people may follow (registered from ``apps.py``)."""

from typing import Any

import rules
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import register_followable


def _experience_visible(user: Any, experience: Any) -> bool:
    from civichub.experiences.models import State

    return bool(experience.state == State.PUBLISHED)


def _organisation_visible(user: Any, organisation: Any) -> bool:
    return bool(
        organisation.is_public
        or rules.has_perm("organisations.view_organisation", user, organisation)
    )


def _person_visible(user: Any, person: Any) -> bool:
    from civichub.accounts.permissions import can_view_profile

    return bool(person.pk != getattr(user, "pk", None) and can_view_profile(user, person))


def register() -> None:
    from civichub.accounts.models import User
    from civichub.experiences.models import Experience
    from civichub.organisations.models import Organisation

    register_followable(Experience, _("Esperienze"), visible=_experience_visible, order=10)
    register_followable(
        Organisation,
        _("Organizzazioni"),
        visible=_organisation_visible,
        title=lambda o: o.name,
        order=20,
    )
    register_followable(
        User,
        _("Persone"),
        visible=_person_visible,
        title=lambda person: person.display_name,
        url=lambda person: reverse("accounts:profile", args=[person.public_id]),
        related=("profile",),
        order=30,
    )
