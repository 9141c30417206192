"""Engagement with published experiences: «È stata utile?» and follows.

Services (writes) and the reads the experience page and "Esperienze seguite" need.
Neither a vote nor a follow is an editorial act, so they write no audit entry: the
rows are the record, and an entry per vote would bury the workflow history.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from civichub.accounts.permissions import is_member
from civichub.core.visitors import VISITOR_KEY_MAX_LENGTH
from civichub.notifications import selectors as follows
from civichub.notifications import services as notifications
from civichub.notifications.models import Follow
from civichub.notifications.selectors import FollowState

from .models import Experience, ExperienceFeedback, State
from .permissions import can
from .selectors import experience_cards

FEEDBACK_COMMENT_MAX_LENGTH = 1000
LATEST_COMMENTS = 20


def _counter(useful: bool) -> str:
    return "useful_yes" if useful else "useful_no"


@transaction.atomic
def experience_feedback_record(
    *,
    experience: Experience,
    user: Any = None,
    visitor_key: str = "",
    useful: bool,
    comment: str = "",
) -> ExperienceFeedback:
    """Record one answer per signed-in person, or per browser (``visitor_key``) for
    visitors; a second answer replaces the first. The counters on the experience move
    with F expressions, so concurrent answers never lose a vote."""
    if experience.state != State.PUBLISHED:
        raise PermissionDenied
    comment = comment.strip()
    if len(comment) > FEEDBACK_COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Il commento può avere al massimo %(max)d caratteri.")
                % {"max": FEEDBACK_COMMENT_MAX_LENGTH}
            }
        )
    if is_member(user):
        who: dict[str, Any] = {"user": user}
    elif visitor_key and len(visitor_key) <= VISITOR_KEY_MAX_LENGTH:
        who = {"user": None, "visitor_key": visitor_key}
    else:
        raise ValidationError(_("Non è stato possibile riconoscere chi risponde."))

    feedback, created = ExperienceFeedback.objects.select_for_update().get_or_create(
        experience=experience, **who, defaults={"useful": useful, "comment": comment}
    )
    counters = Experience.objects.filter(pk=experience.pk)
    if created:
        counters.update(**{_counter(useful): F(_counter(useful)) + 1})
    else:
        if feedback.useful != useful:
            old, new = _counter(feedback.useful), _counter(useful)
            counters.update(**{new: F(new) + 1, old: Greatest(F(old) - 1, 0)})
        feedback.useful = useful
        feedback.comment = comment
        feedback.save(update_fields=["useful", "comment"])
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
    """A member's own answer, so that the page can show it; visitors' pages are cached
    and never show a personal answer."""
    if not is_member(user):
        return None
    return ExperienceFeedback.objects.filter(experience=experience, user=user).first()


def feedback_comments(experience: Experience) -> list[ExperienceFeedback]:
    """The latest answers with a comment, for promoters and the experience's editors."""
    return list(
        ExperienceFeedback.objects.filter(experience=experience)
        .exclude(comment="")
        .only("useful", "comment", "created_at")
        .order_by("-created_at", "-pk")[:LATEST_COMMENTS]
    )


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
