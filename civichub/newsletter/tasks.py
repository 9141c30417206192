"""Background work of the newsletter (django-tasks)."""

from django_tasks import task

from .services import issue_send_batch


@task()
def send_issue_batch(*, issue_id: int, subscriber_ids: list[int]) -> int:
    """Send an issue to one batch of subscribers (``NEWSLETTER_BATCH_SIZE``); running it
    again sends nothing twice."""
    return issue_send_batch(issue_id=issue_id, subscriber_ids=subscriber_ids)
