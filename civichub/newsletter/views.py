"""Public pages: subscribe, confirm, unsubscribe, and the archive of sent issues.

Pages that carry a CSRF token or a subscriber's token are never cached; the archive and
the "check your inbox" page are the same for everyone and go through the page cache.
"""

import hashlib
from typing import Any

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from civichub.accounts.permissions import is_member

from .forms import SubscribeForm
from .models import SubscriberStatus
from .rendering import issue_content
from .selectors import access_sent_issue, sent_issues, subscriber_by_token, subscriber_of
from .services import (
    confirmation_expired,
    subscriber_confirm,
    subscriber_subscribe,
    subscriber_unsubscribe,
)

DEFAULT_SUBSCRIBE_RATE = 10  # requests per IP address per hour
RATE_WINDOW_SECONDS = 3600
PER_PAGE = 12
PAGE_PARAMETER = "pagina"


def _client_ip(request: HttpRequest) -> str | None:
    # allauth's, which honours TRUSTED_PROXY_COUNT like the login rate limits.
    return get_adapter().get_client_ip(request) or None


def _rate_limited(request: HttpRequest) -> bool:
    """A fixed one-hour window per client address, counted in the shared cache."""
    limit = int(getattr(settings, "NEWSLETTER_SUBSCRIBE_RATE", DEFAULT_SUBSCRIBE_RATE))
    address = _client_ip(request) or "unknown"
    key = "newsletter:subscribe:" + hashlib.sha256(address.encode()).hexdigest()
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > limit


def _link_problem(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return render(request, "newsletter/link_problem.html", {"problem": problem}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    member = is_member(user)
    subscription = subscriber_of(user)
    form = SubscribeForm(
        request.POST or None,
        language=user.language if member else (get_language() or settings.LANGUAGE_CODE),
        email=user.email if member else "",
    )
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "newsletter/rate_limited.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                active = subscriber_subscribe(
                    email=data["email"],
                    language=data["language"],
                    consent=data["consent"],
                    user=user,
                    ip_address=_client_ip(request),
                )
            except ValidationError as error:
                form.add_error("consent" if error.code == "consent_required" else "email", error)
            else:
                if active:
                    messages.success(request, _("Fatto: riceverai la newsletter ogni mese."))
                    return redirect("newsletter:subscribe")
                return redirect("newsletter:check_inbox")
    return render(
        request,
        "newsletter/subscribe.html",
        {
            "form": form,
            "subscription": subscription,
            "latest_issue": sent_issues().first(),
        },
    )


@require_safe
def check_inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/check_inbox.html")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button and POST confirms: mail scanners that open links must not
    subscribe anyone."""
    subscriber = subscriber_by_token(token)
    if subscriber is None:
        return _link_problem(request, "unknown", status=404)
    if request.method == "POST":
        try:
            subscriber = subscriber_confirm(subscriber=subscriber)
        except ValidationError as error:
            return _link_problem(request, error.code or "unknown", status=410)
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    if subscriber.status == SubscriberStatus.CONFIRMED:
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return _link_problem(request, "unsubscribed", status=410)
    if confirmation_expired(subscriber):
        return _link_problem(request, "expired", status=410)
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


# Exempt from CSRF on purpose: mail clients unsubscribe with a one-click POST
# (RFC 8058, body "List-Unsubscribe=One-Click") that carries no cookie and no form
# token. The long random token in the URL is the authorisation, and the worst a forged
# request can do with it is what the link itself does.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link scanners prefetch URLs); POST unsubscribes."""
    subscriber = subscriber_by_token(token)
    if subscriber is None:
        return _link_problem(request, "unknown", status=404)
    if request.method == "POST":
        subscriber = subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(sent_issues(), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    return render(request, "newsletter/archive.html", {"page_obj": page_obj})


@require_safe
def issue_detail(request: HttpRequest, period: str) -> HttpResponse:
    issue = access_sent_issue(period)
    return render(
        request,
        "newsletter/issue_detail.html",
        {"issue": issue, "content": issue_content(issue)},
    )
