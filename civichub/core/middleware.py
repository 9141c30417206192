"""Content-Security-Policy with a separate policy for the Wagtail back office."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

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
