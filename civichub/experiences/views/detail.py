"""The experience page, «È stata utile?», follows and "Esperienze seguite".

Anonymous visitors get the page from the whole-page cache (core.cache), which stores
only responses that set no cookie. The page therefore renders no CSRF token for
them, and the feedback endpoint checks CSRF only for signed-in people: see
``experience_feedback``.
"""

from typing import Any
from urllib.parse import quote, urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseForbidden,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from civichub.accounts.permissions import is_promoter
from civichub.core import feedback, visitors

from .. import engagement
from ..completeness import experience_completeness
from ..models import Experience
from ..permissions import can, is_editor
from ..related import experience_page, organisations_by_role, related_experiences
from ..selectors import access_experience

PER_PAGE = 20
PAGE_PARAMETER = "pagina"
THANKS_PARAMETER = "riscontro"
YES, NO = "si", "no"


class FeedbackForm(forms.Form):
    """«È stata utile?»: the answer comes from the button pressed (Sì / No)."""

    useful = forms.ChoiceField(
        label=gettext_lazy("È stata utile?"),
        choices=[(YES, gettext_lazy("Sì")), (NO, gettext_lazy("No"))],
    )
    comment = forms.CharField(
        label=gettext_lazy("Vuoi dirci perché? (facoltativo)"),
        required=False,
        max_length=feedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Al massimo 1.000 caratteri. Lo leggono solo i promotori e gli autori."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "riscontro-%s")
        super().__init__(*args, **kwargs)


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# --- the page -----------------------------------------------------------------------------


def _share_links(request: HttpRequest, experience: Experience) -> dict[str, Any]:
    url = request.build_absolute_uri(experience.get_absolute_url())
    title = str(experience.tr_title)
    text = f"{title} {url}"
    return {
        "url": url,
        "links": [
            (
                "it-mail",
                _("E-mail"),
                "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
            ),
            (
                "it-linkedin",
                "LinkedIn",
                "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
            ),
            (
                "it-facebook",
                "Facebook",
                "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            ),
            (
                "it-twitter",
                "X (Twitter)",
                "https://x.com/intent/post?" + urlencode({"url": url, "text": title}),
            ),
            ("it-whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ],
    }


def _map(experience: Experience) -> dict[str, str] | None:
    """The territories to draw around the experience's point: the comuni of its only
    province, the provinces of its only region, or the regions of Italy."""
    provinces = list(experience.provinces.all())
    regions = list(experience.regions.all())
    if not regions and experience.marker_latitude is None:
        return None
    if len(provinces) == 1:
        geojson_url = (
            reverse("territories:municipalities_geojson")
            + "?"
            + urlencode({"provincia": provinces[0].istat_code})
        )
    elif len(regions) == 1:
        geojson_url = (
            reverse("territories:provinces_geojson")
            + "?"
            + urlencode({"regione": regions[0].istat_code})
        )
    else:
        geojson_url = reverse("territories:regions_geojson")
    places = [m.label for m in experience.municipalities.all()] or [
        t.name for t in (provinces or regions)
    ]
    return {
        "geojson_url": geojson_url,
        "description": _("Dove si è svolta: %(places)s.") % {"places": ", ".join(places)}
        if places
        else "",
    }


def _render_detail(
    request: HttpRequest,
    experience: Experience,
    *,
    feedback_form: FeedbackForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    editor = bool(is_editor(user, experience))
    manager = editor or bool(is_promoter(user))
    published = experience.is_published
    experience_page(experience, with_reviews=manager and not published)
    context: dict[str, Any] = {
        "experience": experience,
        "published": published,
        "organisation_groups": organisations_by_role(experience),
        "related": related_experiences(experience),
        "map": _map(experience),
        "share": _share_links(request, experience),
        "follow": engagement.follow_state(experience, user) if published else None,
        "own_feedback": engagement.feedback_of(experience, user) if published else None,
        "feedback_form": feedback_form or FeedbackForm(),
        "feedback_thanks": request.GET.get(THANKS_PARAMETER) == "grazie",
        "sees_feedback": manager,
        "feedback_comments": engagement.feedback_comments(experience)
        if manager and published
        else [],
        "completeness": experience_completeness(experience) if manager and not published else None,
        "can_edit": can(user, "edit_experience", experience),
        "can_submit": can(user, "submit_experience", experience),
        "can_withdraw": can(user, "withdraw_experience", experience),
        "can_review": can(user, "review_experience", experience),
        "can_replicate": can(user, "replicate_experience", experience),
        "can_follow": can(user, "follow_experience", experience),
        "original": experience.replicated_from
        if experience.replicated_from and experience.replicated_from.is_published
        else None,
    }
    return render(request, "experiences/detail.html", context, status=status)


@require_safe
def experience_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_detail(request, access_experience(request.user, slug))


@require_safe
def experience_point(request: HttpRequest, slug: str) -> JsonResponse:
    """The experience's point as GeoJSON, for the map component's ``markers_url``."""
    experience = access_experience(request.user, slug)
    features = []
    if experience.marker_latitude is not None and experience.marker_longitude is not None:
        features.append(
            {
                "type": "Feature",
                "id": experience.pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [experience.marker_longitude, experience.marker_latitude],
                },
                "properties": {"name": str(experience.tr_title)},
            }
        )
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features}, content_type="application/geo+json"
    )
    response["Cache-Control"] = (
        "public, max-age=300" if experience.is_published else "private, no-store"
    )
    return response


# --- «È stata utile?» ----------------------------------------------------------------------


@csrf_exempt
@require_POST
def experience_feedback(request: HttpRequest, slug: str) -> HttpResponseBase:
    """Record «È stata utile?».

    The experience page is cached whole for visitors, and a CSRF token would set a
    cookie and make it uncacheable; so visitors post without one. That is safe here:
    the session and visitor cookies are SameSite=Lax, so a forged cross-site post
    carries neither and can only add an anonymous answer, which anyone can do
    directly; browsers that tell us the post is cross-site are refused anyway.
    Signed-in people (whose pages are never cached) get the usual CSRF check.
    """
    if request.user.is_authenticated:
        rejection = visitors.csrf_rejection(request)
        if rejection is not None:
            return rejection
    elif visitors.cross_site(request):
        return HttpResponseForbidden()
    experience = access_experience(request.user, slug)
    if not experience.is_published:
        raise PermissionDenied
    form = FeedbackForm(request.POST)
    visitor_key, new_visitor = (
        ("", False) if request.user.is_authenticated else visitors.visitor_key(request)
    )
    if form.is_valid():
        try:
            engagement.experience_feedback_record(
                experience=experience,
                user=request.user,
                visitor_key=visitor_key,
                useful=form.cleaned_data["useful"] == YES,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        if _is_htmx(request):
            return render(
                request,
                "experiences/includes/feedback.html",
                _feedback_context(request, experience, form),
            )
        return _render_detail(request, experience, feedback_form=form, status=400)
    if _is_htmx(request):
        context = _feedback_context(request, experience, FeedbackForm())
        response = render(
            request, "experiences/includes/feedback.html", {**context, "feedback_thanks": True}
        )
    else:
        url = f"{experience.get_absolute_url()}?{THANKS_PARAMETER}=grazie#riscontro"
        response = redirect(url)
    if new_visitor:
        visitors.remember_visitor(response, visitor_key)
    return response


def _feedback_context(
    request: HttpRequest, experience: Experience, form: FeedbackForm
) -> dict[str, Any]:
    manager = bool(is_editor(request.user, experience) or is_promoter(request.user))
    return {
        "experience": experience,
        "feedback_form": form,
        "own_feedback": engagement.feedback_of(experience, request.user),
        "sees_feedback": manager,
        "feedback_comments": engagement.feedback_comments(experience) if manager else [],
    }


# --- follows -----------------------------------------------------------------------------


@require_POST
def experience_follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Follow (``segui=1``, the default) or stop following (``segui=0``)."""
    experience = access_experience(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(experience.get_absolute_url())
    follow = request.POST.get("segui", "1") != "0"
    if follow:
        engagement.experience_follow(experience=experience, user=request.user)
    else:
        engagement.experience_unfollow(experience=experience, user=request.user)
    if _is_htmx(request):
        return render(
            request,
            "experiences/includes/follow.html",
            {
                "experience": experience,
                "follow": engagement.follow_state(experience, request.user),
                "can_follow": can(request.user, "follow_experience", experience),
                "announce": True,
            },
        )
    messages.success(
        request,
        _("Ora segui questa esperienza: la trovi in «Esperienze seguite».")
        if follow
        else _("Non segui più questa esperienza."),
    )
    return redirect(experience)


@login_required
@require_safe
def followed_experiences(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(engagement.followed_experiences(request.user), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    return render(
        request,
        "experiences/followed.html",
        {"page_obj": page_obj, "paginator": paginator},
    )
