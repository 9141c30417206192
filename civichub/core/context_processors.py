from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from .navigation import main_navigation


def _hub_settings(request: HttpRequest):
    from civichub.cms.models import HubSettings

    return HubSettings.load(request_or_site=request)


def _optional_url(name: str) -> str | None:
    """The URL of a page that only exists once the app serving it is installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def hub(request: HttpRequest) -> dict:
    from civichub.cms.selectors import news_index_url

    news_url = news_index_url()
    return {
        "hub": SimpleLazyObject(lambda: _hub_settings(request)),
        "hub_default_name": settings.HUB_NAME,
        "main_navigation": main_navigation(request.path),
        "login_url": _optional_url("account_login"),
        "search_url": _optional_url("search:index"),
        "news_index_url": news_url,
        "news_feed_url": f"{news_url}feed/" if news_url else None,
    }
