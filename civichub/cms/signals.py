"""Keep cached navigation and footer links in step with what editors publish, and
publish scheduled content on time."""

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished

from .models import HubSettings
from .selectors import FOOTER_URLS_CACHE_KEY, NEWS_INDEX_URL_CACHE_KEY
from .tasks import publish_scheduled_pages


def _forget_cached_urls(sender, **kwargs) -> None:
    cache.delete_many([NEWS_INDEX_URL_CACHE_KEY, FOOTER_URLS_CACHE_KEY])


page_published.connect(_forget_cached_urls, dispatch_uid="cms-urls-published")
page_unpublished.connect(_forget_cached_urls, dispatch_uid="cms-urls-unpublished")
post_save.connect(_forget_cached_urls, sender=HubSettings, dispatch_uid="cms-urls-settings")


def _schedule_publication(sender: Any, instance: Revision, raw: bool = False, **kwargs) -> None:
    """An approved go-live time queues ``publish_scheduled_pages`` to run then, when the
    task backend can defer work (the database one can; the test one runs at once and
    cannot). A run with nothing due does nothing, so a schedule moved or cancelled
    needs no clean-up; cron's ``manage.py publish_scheduled`` stays the safety net for
    a worker that was down (docs/operations.md)."""
    go_live_at = instance.approved_go_live_at
    if raw or go_live_at is None or not publish_scheduled_pages.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: publish_scheduled_pages.using(run_after=go_live_at).enqueue())


post_save.connect(_schedule_publication, sender=Revision, dispatch_uid="cms-scheduled-publishing")
