"""Background work of notifications (django-tasks): the followers' fan-out and the
self-scheduling digests."""

from typing import Any

from django_tasks import task

from . import digests, services


@task()
def fan_out(
    *,
    content_type_id: int,
    object_id: int,
    kind: str,
    texts: dict[str, str],
    url: str,
    actor_id: int | None = None,
    group_key: str = "",
    email_template: str | None = None,
    context: dict[str, Any] | None = None,
    exclude_ids: list[int] | None = None,
) -> int:
    """Notify every follower of a target, 500 at a time (queued by ``notify_followers``)."""
    return services.followers_notify(
        content_type_id=content_type_id,
        object_id=object_id,
        kind=kind,
        texts=texts,
        url=url,
        actor_id=actor_id,
        group_key=group_key,
        email_template=email_template,
        context=context,
        exclude_ids=exclude_ids or (),
    )


@task()
def notification_digests(*, frequency: str) -> int:
    """Send the ``frequency`` digests, then queue the next run (only one stays pending)."""
    return digests.digests_run(frequency=frequency)
