"""Keep cached navigation in step with what editors publish."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished

from .selectors import NEWS_INDEX_URL_CACHE_KEY


def _forget_news_index_url(sender, **kwargs) -> None:
    cache.delete(NEWS_INDEX_URL_CACHE_KEY)


page_published.connect(_forget_news_index_url, dispatch_uid="cms-news-index-published")
page_unpublished.connect(_forget_news_index_url, dispatch_uid="cms-news-index-unpublished")
