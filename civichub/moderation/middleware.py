"""Tell a suspended person, once per suspension, on the next page they open.

Cheap on purpose: the services write a cache entry when they suspend someone, so this
middleware reads the cache and never the database (page query counts stay as they
are). If the cache loses the entry the notice is skipped, but the suspension still
holds: every permission checks the database (``permissions.is_suspended``).
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .permissions import SUSPENDED_CACHE_KEY

SESSION_KEY = "moderation_suspension_seen"


class SuspensionNoticeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.method == "GET"
            and "HX-Request" not in request.headers
        ):
            suspension_id = cache.get(SUSPENDED_CACHE_KEY.format(user.pk))
            if suspension_id is not None and request.session.get(SESSION_KEY) != suspension_id:
                request.session[SESSION_KEY] = suspension_id
                messages.warning(
                    request,
                    _(
                        "Il tuo account è sospeso: puoi leggere ma non pubblicare, rispondere "
                        "o segnalare. Trovi la motivazione nell'e-mail che ti abbiamo inviato."
                    ),
                )
        return self.get_response(request)
