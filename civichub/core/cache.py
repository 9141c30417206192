"""Whole-page cache for anonymous visitors.

Django's cache middleware also tells browsers to keep pages (max-age), so someone
who logs in could still see the anonymous page; this one caches on the server only.
A page is cached when the request carries no session cookie and the response
sets no cookie, is a 200 and is not marked private or no-store. Editors' changes
appear after at most PAGE_CACHE_SECONDS.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_max_age
from django.utils.translation import get_language

_EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/healthz", "/lingua/", "/documenti/")


def _cache_key(request: HttpRequest) -> str:
    url = request.get_full_path()
    digest = hashlib.sha256(f"{request.get_host()}{url}".encode()).hexdigest()
    htmx = "h" if request.headers.get("HX-Request") else "p"
    return f"page:{get_language()}:{htmx}:{digest}"


def _eligible(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_EXCLUDED_PREFIXES)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _eligible(request):
            return self.get_response(request)
        key = _cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._storable(response):
            # Responses reach here rendered, so they pickle like Django's own cache.
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, self._ttl(response))
        return response

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

    @staticmethod
    def _ttl(response: HttpResponse) -> int:
        max_age = get_max_age(response)
        return min(max_age, settings.PAGE_CACHE_SECONDS) if max_age else settings.PAGE_CACHE_SECONDS
