"""Pages of the notifications app: the list, what I follow, follow / stop following,
and the one-click unsubscribe of e-mails."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from civichub.accounts.models import Frequency, User
from civichub.accounts.notifications import DIGEST_KIND_PREFIX, read_unsubscribe_token
from civichub.accounts.registry import NOTIFICATION_KINDS
from civichub.accounts.selectors import notification_frequencies
from civichub.accounts.services import notification_preferences_update
from civichub.core.visitors import csrf_rejection

from . import selectors, services
from .registry import Followable, followable_for

PER_PAGE = 20
PAGE_PARAMETER = "pagina"


# --- the list --------------------------------------------------------------------------------


@login_required
@require_safe
def notification_list(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.notifications_for(request.user), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    return render(
        request,
        "notifications/list.html",
        {
            "page_obj": page_obj,
            "paginator": paginator,
            "unread": selectors.unread_count(request.user),
        },
    )


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    """``id`` marks one notification read; without it, all of them."""
    raw = request.POST.get("id", "")
    if raw:
        if not raw.isdigit():
            raise Http404
        services.notifications_mark_read(user=request.user, ids=[int(raw)])
        if not request.headers.get("HX-Request"):
            messages.success(request, _("Notifica segnata come letta."))
    else:
        services.notifications_mark_read(user=request.user)
        if not request.headers.get("HX-Request"):
            messages.success(request, _("Tutte le notifiche sono segnate come lette."))
    target = reverse("notifications:list")
    page = request.POST.get(PAGE_PARAMETER, "")
    if page.isdigit():
        target += f"?{PAGE_PARAMETER}={page}"
    return redirect(target)


# --- follows ---------------------------------------------------------------------------------


@login_required
@require_safe
def followed_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "notifications/followed.html",
        {"groups": selectors.followed_groups(request.user)},
    )


def _access_target(user: Any, content_type_id: int, object_id: int) -> tuple[Followable, Any]:
    """A followable object ``user`` may see; the same 404 for unknown, not followable
    and hidden."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    followable = followable_for(model) if model is not None else None
    if followable is None:
        raise Http404
    target = (
        followable.model._default_manager.select_related(*followable.related)
        .filter(pk=object_id)
        .first()
    )
    if target is None or not followable.visible(user, target):
        raise Http404
    return followable, target


@require_POST
def follow_toggle(request: HttpRequest, content_type_id: int, object_id: int) -> HttpResponse:
    """Follow (``segui=1``, the default) or stop following (``segui=0``)."""
    followable, target = _access_target(request.user, content_type_id, object_id)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={followable.url(target)}")
    following = request.POST.get("segui", "1") != "0"
    if following:
        services.follow(user=request.user, target=target)
    else:
        services.unfollow(user=request.user, target=target)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "notifications/includes/follow_button.html",
            {"target": target, "announce": True},
        )
    title = followable.title(target)
    messages.success(
        request,
        _("Ora segui «%(title)s».") % {"title": title}
        if following
        else _("Non segui più «%(title)s».") % {"title": title},
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = followable.url(target)
    return redirect(next_url)


# --- unsubscribe -----------------------------------------------------------------------------


def _unsubscribe_subject(token: str) -> tuple[User, str, str] | None:
    """``(person, kind, label)`` of a valid token, or None."""
    try:
        user_id, kind = read_unsubscribe_token(token)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=user_id, is_active=True, erased_at__isnull=True).first()
    if user is None:
        return None
    if kind.startswith(DIGEST_KIND_PREFIX):
        frequency = kind.removeprefix(DIGEST_KIND_PREFIX)
        if frequency == Frequency.DAILY:
            return user, kind, _("il riepilogo giornaliero")
        if frequency == Frequency.WEEKLY:
            return user, kind, _("il riepilogo settimanale")
        return None
    definition = NOTIFICATION_KINDS.get(kind)
    if definition is None or not definition.available_to(user):
        return None
    return user, kind, str(definition.label)


def _unsubscribe(user: User, kind: str) -> None:
    if kind.startswith(DIGEST_KIND_PREFIX):
        frequency = kind.removeprefix(DIGEST_KIND_PREFIX)
        kinds = [
            key
            for key, value in notification_frequencies(user=user).items()
            if value == frequency and NOTIFICATION_KINDS[key].available_to(user)
        ]
    else:
        kinds = [kind]
    notification_preferences_update(user=user, frequencies=dict.fromkeys(kinds, Frequency.NEVER))


@never_cache
@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponseBase:
    """GET: a page that asks to confirm. POST: stop e-mails of that kind, signed in or
    not. A mail client's one-click POST (RFC 8058: body ``List-Unsubscribe=One-Click``)
    carries no CSRF token: the signature is the proof; any other POST passes Django's
    CSRF check."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    subject = _unsubscribe_subject(token)
    if subject is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    user, kind, label = subject
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        if not one_click:
            rejection = csrf_rejection(request)
            if rejection is not None:
                return rejection
        try:
            _unsubscribe(user, kind)
        except ValidationError:
            return render(request, "notifications/unsubscribe_invalid.html", status=400)
        if one_click:
            return HttpResponse(
                _("Iscrizione annullata."), content_type="text/plain; charset=utf-8"
            )
        return render(request, "notifications/unsubscribe.html", {"label": label, "done": True})
    return render(request, "notifications/unsubscribe.html", {"label": label, "done": False})
