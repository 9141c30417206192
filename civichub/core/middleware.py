"""Content-Security-Policy with a separate policy for the back office; input guards."""

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponseBase, JsonResponse, QueryDict

from .views import bad_request

# Wagtail's admin still ships inline scripts and styles; the public site does not.
_ADMIN_RELAXED = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(
            settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIX
        ):
            parts.update = {**(parts.update or {}), **_ADMIN_RELAXED}
        return parts


class RejectNullBytesMiddleware:
    """Answer 400 to a query string or form field holding a NUL character.

    No legitimate input contains one, and PostgreSQL cannot store it: letting it
    through turns a hostile request into a 500 deep inside a view or an API filter.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if self._has_null(request.GET) or (
            request.method == "POST" and self._has_null(request.POST)
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": "Null characters are not allowed."}, status=400)
            return bad_request(request, SuspiciousOperation("NUL character in input"))
        return self.get_response(request)

    @staticmethod
    def _has_null(data: QueryDict) -> bool:
        # lists(), not items(): a repeated parameter (?tema=a&tema=b) has several values.
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in data.lists()
        )
