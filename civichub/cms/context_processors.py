from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import HubSettings
from .selectors import footer_page_urls, news_index_url


def hub(request: HttpRequest) -> dict:
    """Hub identity (header, footer) and the news archive's addresses."""
    news_url = news_index_url()
    hub_settings = SimpleLazyObject(lambda: HubSettings.load(request_or_site=request))
    return {
        "hub": hub_settings,
        "footer_urls": SimpleLazyObject(lambda: footer_page_urls(hub_settings)),
        "news_index_url": news_url,
        "news_feed_url": f"{news_url}feed/" if news_url else None,
    }
