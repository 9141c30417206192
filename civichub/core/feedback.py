"""«È stato utile?»: one yes/no answer (with an optional comment) per signed-in person,
or per browser for visitors, on anything that keeps ``useful_yes`` / ``useful_no``
counters (experiences, library resources). The apps check who may answer; this module
records the answer and moves the counters."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from civichub.accounts.permissions import is_member

from .visitors import VISITOR_KEY_MAX_LENGTH

COMMENT_MAX_LENGTH = 1000
LATEST_COMMENTS = 20


def _counter(useful: bool) -> str:
    return "useful_yes" if useful else "useful_no"


@transaction.atomic
def useful_answer_record(
    *,
    model: type[models.Model],
    target: dict[str, Any],
    counters: models.QuerySet[Any],
    user: Any = None,
    visitor_key: str = "",
    useful: bool,
    comment: str = "",
) -> Any:
    """Record an answer, a row of ``model`` about ``target`` (e.g. ``ExperienceFeedback``
    and ``{"experience": experience}``); a second answer by the same person or browser
    replaces the first. ``counters`` is the one-row queryset of the object whose
    counters move, with F expressions so that concurrent answers never lose one."""
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("Il commento può avere al massimo %(max)d caratteri.")
                % {"max": COMMENT_MAX_LENGTH}
            }
        )
    if is_member(user):
        who: dict[str, Any] = {"user": user}
    elif visitor_key and len(visitor_key) <= VISITOR_KEY_MAX_LENGTH:
        who = {"user": None, "visitor_key": visitor_key}
    else:
        raise ValidationError(_("Non è stato possibile riconoscere chi risponde."))

    feedback: Any
    feedback, created = model._default_manager.select_for_update().get_or_create(
        **target, **who, defaults={"useful": useful, "comment": comment}
    )
    if created:
        counters.update(**{_counter(useful): F(_counter(useful)) + 1})
    else:
        if feedback.useful != useful:
            old, new = _counter(feedback.useful), _counter(useful)
            counters.update(**{new: F(new) + 1, old: Greatest(F(old) - 1, 0)})
        feedback.useful = useful
        feedback.comment = comment
        feedback.save(update_fields=["useful", "comment"])
    return feedback


def own_answer(answers: models.QuerySet[Any], user: Any) -> Any:
    """A member's own answer, so that the page can show it; visitors' pages are cached
    and never show a personal answer."""
    if not is_member(user):
        return None
    return answers.filter(user=user).first()


def latest_comments(answers: models.QuerySet[Any]) -> list[Any]:
    """The latest answers with a comment (for the people who manage the object)."""
    return list(
        answers.exclude(comment="")
        .only("useful", "comment", "created_at")
        .order_by("-created_at", "-pk")[:LATEST_COMMENTS]
    )
