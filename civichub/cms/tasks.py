"""Background work of the cms app (django-tasks)."""

import io

from django.core.management import call_command
from django_tasks import task


@task()
def publish_scheduled_pages() -> str:
    """Publish what editors scheduled and unpublish what expired: Wagtail's
    ``publish_scheduled`` command, for every page type and snippet. Queued for each
    approved go-live time (``signals.py``); cron runs the command as a safety net."""
    output = io.StringIO()
    call_command("publish_scheduled", stdout=output)
    return output.getvalue()
