"""Engagement with live resources: «È stato utile?» and download counts.

Services (writes) and the reads the feedback box needs. Neither an answer nor a
download is an editorial act, so they write no audit entry: the rows and counters are
the record.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from civichub.core.feedback import latest_comments, own_answer, useful_answer_record

from .models import ResourceFeedback, ResourceFile, ResourcePage
from .permissions import can


@transaction.atomic
def resource_feedback_record(
    *,
    resource: ResourcePage,
    user: Any = None,
    visitor_key: str = "",
    useful: bool,
    comment: str = "",
) -> ResourceFeedback:
    """One answer per signed-in person, or per browser (``visitor_key``) for visitors; a
    second answer replaces the first (``core.feedback``)."""
    if not can(user, "give_feedback", resource):
        raise PermissionDenied
    feedback = useful_answer_record(
        model=ResourceFeedback,
        target={"resource_id": resource.pk},
        counters=ResourcePage.objects.filter(pk=resource.pk),
        user=user,
        visitor_key=visitor_key,
        useful=useful,
        comment=comment,
    )
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
    return own_answer(ResourceFeedback.objects.filter(resource_id=resource.pk), user)


def feedback_comments(resource: ResourcePage) -> list[ResourceFeedback]:
    """The latest answers with a comment, for promoters and the proposer."""
    return latest_comments(ResourceFeedback.objects.filter(resource_id=resource.pk))
