from django.apps import apps
from django.conf import settings
from django.http import HttpRequest

from .navigation import main_navigation, optional_url


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
        "login_url": optional_url("account_login"),
        # Not "search_url": Wagtail's admin templates use that name for a URL pattern name.
        "site_search_url": optional_url("search:index"),
    }
