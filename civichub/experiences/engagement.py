"""Engagement with published experiences: «È stata utile?» and follows.

Services (writes) and the reads the experience page and "Esperienze seguite" need.
Neither a vote nor a follow is an editorial act, so they write no audit entry: the
rows are the record, and an entry per vote would bury the workflow history.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from civichub.accounts.permissions import is_member
from civichub.core.feedback import latest_comments, own_answer, useful_answer_record
from civichub.notifications import selectors as follows
from civichub.notifications import services as notifications
from civichub.notifications.models import Follow
from civichub.notifications.selectors import FollowState

from .models import Experience, ExperienceFeedback, State
from .permissions import can
from .selectors import experience_cards


@transaction.atomic
def experience_feedback_record(
    *,
    experience: Experience,
    user: Any = None,
    visitor_key: str = "",
    useful: bool,
    comment: str = "",
) -> ExperienceFeedback:
    """One answer per signed-in person, or per browser (``visitor_key``) for visitors; a
    second answer replaces the first (``core.feedback``)."""
    if experience.state != State.PUBLISHED:
        raise PermissionDenied
    feedback = useful_answer_record(
        model=ExperienceFeedback,
        target={"experience": experience},
        counters=Experience.objects.filter(pk=experience.pk),
        user=user,
        visitor_key=visitor_key,
        useful=useful,
        comment=comment,
    )
    experience.refresh_from_db(fields=["useful_yes", "useful_no"])
    return feedback


def experience_follow(*, experience: Experience, user: Any) -> Follow:
    """Follow (and bookmark) a published experience; following twice changes nothing.
    The rows are ``notifications.Follow``: followers hear of updates."""
    if not can(user, "follow_experience", experience):
        raise PermissionDenied
    return notifications.follow(user=user, target=experience)


def experience_unfollow(*, experience: Experience, user: Any) -> None:
    """Stop following; allowed whatever the experience's state, so nobody stays stuck
    following an experience that was unpublished."""
    if not is_member(user):
        raise PermissionDenied
    notifications.unfollow(user=user, target=experience)


# --- reads ------------------------------------------------------------------------------


def follow_state(experience: Experience, user: Any) -> FollowState:
    """How many people follow the experience and whether ``user`` is one: one query."""
    return follows.follow_state(experience, user)


def feedback_of(experience: Experience, user: Any) -> ExperienceFeedback | None:
    return own_answer(ExperienceFeedback.objects.filter(experience=experience), user)


def feedback_comments(experience: Experience) -> list[ExperienceFeedback]:
    """The latest answers with a comment, for promoters and the experience's editors."""
    return latest_comments(ExperienceFeedback.objects.filter(experience=experience))


def followed_experiences(user: Any) -> QuerySet[Experience]:
    """The published experiences ``user`` follows, the latest followed first, ready for
    ``includes/card.html``."""
    followed_at = Follow.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(Experience),
        object_id=OuterRef("pk"),
    ).values("created_at")[:1]
    return experience_cards(
        Experience.objects.published()
        .annotate(followed_at=Subquery(followed_at))
        .filter(followed_at__isnull=False)
        .order_by("-followed_at", "-pk")
    )
