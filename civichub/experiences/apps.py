from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "civichub.experiences"
    label = "experiences"
    verbose_name = _("Esperienze")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        # profile.py adds the experiences' section to people's profiles.
        from . import permissions, profile  # noqa: F401

        self._register_with_moderation()

    def _register_with_moderation(self) -> None:
        """Published experiences can be reported; promoters hide one by unpublishing it
        (``experience_unpublish``: back to draft, the authors get the reason). There is
        no restore: the authors resubmit and promoters approve it again."""
        from civichub.moderation.models import ContentState
        from civichub.moderation.registry import register_moderatable

        from .models import Experience, State
        from .permissions import can
        from .services import experience_unpublish

        register_moderatable(
            Experience,
            author=lambda e: e.author,
            author_id=lambda e: e.author_id,
            title=lambda e: e.title,
            url=lambda e: e.get_absolute_url(),
            scope=lambda e: "",
            state_field=None,
            state=lambda e: (
                ContentState.VISIBLE if e.state == State.PUBLISHED else ContentState.HIDDEN
            ),
            visible=lambda user, e: can(user, "view_experience", e),
            hide=lambda e, actor, reason: experience_unpublish(
                experience=e, actor=actor, reason=reason
            ),
            select_related=("author",),
        )
