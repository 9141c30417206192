"""Views shared by the whole site: language switch and error pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from .i18n import set_language_cookie


@require_safe
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Set the interface language and go back to the same page.

    A plain link (GET) rather than Django's POST form: it works without
    JavaScript and keeps anonymous pages free of CSRF cookies, hence cacheable.
    The language is a display preference, so the GET carries no risk.
    """
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(code) and code in dict(settings.LANGUAGES):
        set_language_cookie(response, code)
    return response


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)
