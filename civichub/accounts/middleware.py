"""Signed-in people complete the membership form before using the hub."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

# Account pages (including logout and the form itself), the back office, the API and
# files stay reachable; everything else waits for the form.
EXEMPT_PREFIXES = (
    "/accounts/",
    "/admin/",
    "/api/",
    "/static/",
    "/media/",
    "/healthz",
    "/lingua/",
    # Map data and the comune picker are fetched by scripts, not visited.
    "/territori/",
    # Links from e-mails must work before the form too (confirm, one-click unsubscribe).
    "/newsletter/conferma/",
    "/newsletter/disiscrizione/",
)
# Data files (map data, open-data exports) are fetched by scripts or downloaded.
EXEMPT_SUFFIXES = (".json", ".geojson", ".csv")


class MembershipRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.method == "GET"
            and user.is_authenticated
            and user.joined_at is None
            and not user.is_staff
            and not request.path_info.startswith(EXEMPT_PREFIXES)
            and not request.path_info.endswith(EXEMPT_SUFFIXES)
            # Fragments (e.g. the comune picker on the form itself) are not pages.
            and request.headers.get("HX-Request") != "true"
        ):
            url = reverse("accounts:membership")
            return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
