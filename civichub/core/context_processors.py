from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .navigation import main_navigation


def _optional_url(name: str) -> str | None:
    """The URL of a page that only exists once the app serving it is installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _territories_credit() -> str | None:
    """CC BY 4.0 attribution, owed on every page once territorial data is used."""
    if not apps.is_installed("civichub.territories"):
        return None
    from civichub.territories.credits import DATA_CREDIT

    return str(DATA_CREDIT)


def hub(request: HttpRequest) -> dict:
    return {
        "hub_default_name": settings.HUB_NAME,
        "main_navigation": main_navigation(request.path),
        "territories_credit": _territories_credit(),
        "login_url": _optional_url("account_login"),
        "search_url": _optional_url("search:index"),
    }
