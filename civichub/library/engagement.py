"""Engagement with live resources: «È stato utile?» and download counts.

Services (writes) and the reads the feedback box needs. Neither an answer nor a
download is an editorial act, so they write no audit entry: the rows and counters are
the record.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from civichub.accounts.permissions import is_member
from civichub.core.visitors import VISITOR_KEY_MAX_LENGTH

from .models import ResourceFeedback, ResourceFile, ResourcePage
from .permissions import can

FEEDBACK_COMMENT_MAX_LENGTH = 1000
LATEST_COMMENTS = 20


def _counter(useful: bool) -> str:
    return "useful_yes" if useful else "useful_no"


@transaction.atomic
def resource_feedback_record(
    *,
    resource: ResourcePage,
    user: Any = None,
    visitor_key: str = "",
    useful: bool,
    comment: str = "",
) -> ResourceFeedback:
    """Record one answer per signed-in person, or per browser (``visitor_key``) for
    visitors; a second answer replaces the first. The counters on the resource move
    with F expressions, so concurrent answers never lose one."""
    if not can(user, "give_feedback", resource):
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

    feedback, created = ResourceFeedback.objects.select_for_update().get_or_create(
        resource_id=resource.pk, **who, defaults={"useful": useful, "comment": comment}
    )
    counters = ResourcePage.objects.filter(pk=resource.pk)
    if created:
        counters.update(**{_counter(useful): F(_counter(useful)) + 1})
    else:
        if feedback.useful != useful:
            old, new = _counter(feedback.useful), _counter(useful)
            counters.update(**{new: F(new) + 1, old: Greatest(F(old) - 1, 0)})
        feedback.useful = useful
        feedback.comment = comment
        feedback.save(update_fields=["useful", "comment"])
    resource.refresh_from_db(fields=["useful_yes", "useful_no"])
    return feedback


def file_download_count(*, file: ResourceFile) -> None:
    """Count one download of ``file`` on the file and on its resource."""
    with transaction.atomic():
        ResourceFile.objects.filter(pk=file.pk).update(download_count=F("download_count") + 1)
        ResourcePage.objects.filter(pk=file.resource_id).update(
            download_count=F("download_count") + 1
        )


def resource_download_count(*, resource: ResourcePage) -> None:
    """Count one download of a resource's own file (a document's PDF)."""
    ResourcePage.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)


# --- reads ------------------------------------------------------------------------------


def feedback_of(resource: ResourcePage, user: Any) -> ResourceFeedback | None:
    """A member's own answer, so that the page can show it; visitors' pages are cached
    and never show a personal answer."""
    if not is_member(user):
        return None
    return ResourceFeedback.objects.filter(resource_id=resource.pk, user=user).first()


def feedback_comments(resource: ResourcePage) -> list[ResourceFeedback]:
    """The latest answers with a comment, for promoters and the proposer."""
    return list(
        ResourceFeedback.objects.filter(resource_id=resource.pk)
        .exclude(comment="")
        .only("useful", "comment", "created_at")
        .order_by("-created_at", "-pk")[:LATEST_COMMENTS]
    )
