"""Posts from visitors on cached pages: «È stata utile?» on experiences and resources.

Anonymous pages come from the page cache, so their forms carry no CSRF token. The
feedback endpoints are CSRF-exempt for visitors only and use these helpers instead: a
browser that says the post is cross-site is refused, signed-in people still pass Django's
CSRF check, and one answer per browser is kept by a signed, httponly, SameSite=Lax
cookie set only by the POST. One cookie serves the whole hub.
"""

import secrets

from django.conf import settings
from django.core.signing import BadSignature
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware

VISITOR_COOKIE = "civichub_visitatore"
# The salt of the first feature that used the cookie: changing it would forget every
# browser's earlier answers.
VISITOR_COOKIE_SALT = "civichub.experiences.feedback"
VISITOR_COOKIE_MAX_AGE = 365 * 24 * 3600
VISITOR_KEY_MAX_LENGTH = 64


def cross_site(request: HttpRequest) -> bool:
    """Whether a browser says the form was posted from another site."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    # An opaque origin ("null") never matches, as in Django's own check.
    return (
        origin != f"{request.scheme}://{request.get_host()}"
        and origin not in settings.CSRF_TRUSTED_ORIGINS
    )


def visitor_key(request: HttpRequest) -> tuple[str, bool]:
    """The browser's key from its signed cookie, or a new one (and whether it is new)."""
    try:
        key = request.get_signed_cookie(VISITOR_COOKIE, salt=VISITOR_COOKIE_SALT)
    except (KeyError, BadSignature):
        return secrets.token_urlsafe(32), True
    if not key or len(key) > VISITOR_KEY_MAX_LENGTH:
        return secrets.token_urlsafe(32), True
    return key, False


def remember_visitor(response: HttpResponseBase, key: str) -> None:
    response.set_signed_cookie(
        VISITOR_COOKIE,
        key,
        salt=VISITOR_COOKIE_SALT,
        max_age=VISITOR_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def csrf_rejection(request: HttpRequest) -> HttpResponseBase | None:
    """Django's CSRF check, run by hand in a view that is exempt for visitors only."""

    def view(request: HttpRequest) -> HttpResponse:  # only checked, never called
        return HttpResponse()

    return CsrfViewMiddleware(view).process_view(request, view, (), {})
