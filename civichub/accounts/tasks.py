"""Background work of the accounts app (django-tasks)."""

from django.conf import settings
from django_tasks import task

from .services import unverified_users_purge


@task()
def purge_unverified_accounts() -> int:
    """Run daily (cron or a scheduler enqueuing it): sign-ups never verified within
    ``ACCOUNTS_UNVERIFIED_RETENTION_DAYS`` are deleted."""
    return unverified_users_purge(older_than_days=settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS)
