"""Keep cached navigation and footer links in step with what editors publish."""

from django.core.cache import cache
from django.db.models.signals import post_save
from wagtail.signals import page_published, page_unpublished

from .models import HubSettings
from .selectors import FOOTER_URLS_CACHE_KEY, NEWS_INDEX_URL_CACHE_KEY


def _forget_cached_urls(sender, **kwargs) -> None:
    cache.delete_many([NEWS_INDEX_URL_CACHE_KEY, FOOTER_URLS_CACHE_KEY])


page_published.connect(_forget_cached_urls, dispatch_uid="cms-urls-published")
page_unpublished.connect(_forget_cached_urls, dispatch_uid="cms-urls-unpublished")
post_save.connect(_forget_cached_urls, sender=HubSettings, dispatch_uid="cms-urls-settings")
