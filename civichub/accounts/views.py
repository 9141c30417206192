"""Pages of the membership form, profiles, account settings and contributor requests.

Views parse input, call a selector or a service, and render; the rules live in
permissions.py and services.py.
"""

from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from civichub.core.i18n import set_language_cookie
from civichub.organisations.services import OrganisationData

from .forms import (
    ApiTokenForm,
    ContributorDecisionForm,
    ContributorRequestForm,
    DeleteAccountForm,
    LanguageForm,
    MembershipForm,
    NotificationPreferencesForm,
    OrganisationChoice,
    ProfileForm,
    ProposeContributorForm,
    RoleForm,
)
from .models import ConsentKind, Profile, User
from .permissions import can
from .registry import profile_sections
from .selectors import (
    access_api_token,
    access_contributor_request,
    access_person,
    access_profile,
    api_tokens_of,
    consent_history,
    current_consents,
    notification_frequencies,
    pending_contributor_requests,
    profile_fields_for,
)
from .services import (
    api_token_create,
    api_token_revoke,
    consent_record,
    contributor_request_approve,
    contributor_request_refuse,
    contributor_request_submit,
    membership_complete,
    notification_preferences_update,
    profile_update,
    user_erase,
    user_export_data,
    user_set_language,
    user_set_role,
)

QUEUE_PAGE_SIZE = 20


def _member(request: HttpRequest) -> User:
    """The signed-in person (the views below are all behind login_required)."""
    user = request.user
    assert isinstance(user, User)
    return user


def _client_ip(request: HttpRequest) -> str | None:
    return get_adapter().get_client_ip(request) or None


def _add_errors(form: BaseForm, error: ValidationError, prefix: str = "") -> None:
    """Show a service's errors on the form's fields where they match one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = f"{prefix}{field}"
        form.add_error(name if name in form.fields else None, errors)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Membership and profiles -----------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def membership(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if user.joined_at is not None:
        return redirect("accounts:profile", public_id=user.public_id)
    form = MembershipForm(
        request.POST or None,
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = data["organisation_choice"]
        try:
            membership_complete(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                actor_kind=data["actor_kind"],
                municipality=data["municipality"],
                themes=list(data["themes"]),
                participation=data["participation"],
                visibility=data["visibility"],
                accept_terms=data["accept_terms"],
                accept_privacy=data["accept_privacy"],
                newsletter=data["newsletter"],
                organisation=data["organisation"]
                if choice == OrganisationChoice.EXISTING
                else None,
                new_organisation=(
                    OrganisationData(
                        name=data["new_organisation_name"],
                        kind=data["new_organisation_kind"],
                        pa_kind=data["new_organisation_pa_kind"],
                        ipa_code=data["new_organisation_ipa_code"],
                        runts_section=data["new_organisation_runts_section"],
                        website=data["new_organisation_website"],
                    )
                    if choice == OrganisationChoice.NEW
                    else None
                ),
                ip_address=_client_ip(request),
            )
        except ValidationError as error:
            _add_errors(form, error, prefix="new_organisation_")
        else:
            messages.success(request, _("Benvenuta, benvenuto! La tua adesione è completa."))
            user.refresh_from_db()
            default = reverse("accounts:profile", args=[user.public_id])
            return redirect(_safe_next(request, default))
    return render(
        request,
        "accounts/membership.html",
        {"form": form, "next": _safe_next(request, "")},
    )


@login_required
def profile_self(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if user.joined_at is None:
        return redirect("accounts:membership")
    return redirect("accounts:profile", public_id=user.public_id)


def profile(request: HttpRequest, public_id: str) -> HttpResponse:
    viewer = request.user
    owner = access_profile(viewer=viewer, public_id=public_id)
    sections = [
        {"section": section, "context": section.context(owner, viewer)}
        for section in profile_sections()
    ]
    return render(
        request,
        "accounts/profile.html",
        {
            "owner": owner,
            "profile": owner.profile,
            "fields": profile_fields_for(viewer=viewer, owner=owner),
            "sections": sections,
            "is_self": viewer.is_authenticated and viewer.pk == owner.pk,
            "can_set_role": can(viewer, "set_role", owner),
            "can_propose": can(viewer, "propose_contributor", owner),
            "can_request_contributor": can(viewer, "request_contributor"),
        },
    )


# Settings --------------------------------------------------------------------------


def _joined_profile(user: User) -> Profile:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        raise Http404
    return profile


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_profile(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if user.joined_at is None:
        return redirect("accounts:membership")
    profile = _joined_profile(user)
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile,
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile_update(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                values={name: data[name] for name in form.Meta.fields if name != "themes"},
                themes=list(data["themes"]),
                avatar=data["avatar"],
                remove_avatar=data["remove_avatar"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Profilo aggiornato."))
            return redirect("accounts:settings")
    return render(
        request,
        "accounts/settings/profile.html",
        {"form": form, "profile": profile},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_language(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = LanguageForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        user_set_language(user=user, language=language)
        response = redirect("accounts:language")
        set_language_cookie(response, language)
        return response
    return render(request, "accounts/settings/language.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_notifications(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    newsletter = current_consents(user=user)[ConsentKind.NEWSLETTER]
    form = NotificationPreferencesForm(
        request.POST or None,
        user=user,
        frequencies=notification_frequencies(user=user),
        initial={"newsletter": bool(newsletter and newsletter.given)},
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_update(user=user, frequencies=form.frequencies())
        wants_newsletter = form.cleaned_data["newsletter"]
        if wants_newsletter != bool(newsletter and newsletter.given):
            consent_record(
                user=user,
                kind=ConsentKind.NEWSLETTER,
                given=wants_newsletter,
                ip_address=_client_ip(request),
            )
        messages.success(request, _("Preferenze salvate."))
        return redirect("accounts:notifications")
    return render(
        request,
        "accounts/settings/notifications.html",
        {"form": form},
    )


@never_cache
@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def settings_tokens(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = api_token_create(user=user, name=form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/settings/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": api_tokens_of(user=user),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = _member(request)
    token = access_api_token(user=user, pk=pk)
    api_token_revoke(token=token, user=user)
    messages.success(request, _("Token «%(name)s» revocato.") % {"name": token.name})
    return redirect("accounts:tokens")


@never_cache
@login_required
def settings_privacy(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    return render(
        request,
        "accounts/settings/privacy.html",
        {
            "consents": consent_history(user=user),
            "current": current_consents(user=user),
        },
    )


@login_required
@reauthentication_required
@require_POST
def privacy_export(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    archive = user_export_data(user=user)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="dati-{user.public_id}-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def privacy_delete(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        user_erase(user=user)
        logout(request)
        messages.success(
            request, _("Il tuo account è stato cancellato. Grazie per aver partecipato.")
        )
        return redirect("/")
    return render(
        request,
        "accounts/settings/delete.html",
        {"form": form},
    )


# Contributors and roles ------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def contributor_request(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    allowed = can(user, "request_contributor")
    form = ContributorRequestForm(request.POST or None)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            contributor_request_submit(
                user=user, requested_by=user, motivation=form.cleaned_data["motivation"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Richiesta inviata: riceverai l'esito per e-mail."))
            return redirect("accounts:profile_self")
    pending = user.contributor_requests.filter(status="pending").first()
    return render(
        request,
        "accounts/contributor_request.html",
        {"form": form, "allowed": allowed, "pending": pending},
        status=403 if request.method == "POST" and not allowed else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def contributor_propose(request: HttpRequest, public_id: str) -> HttpResponse:
    admin = _member(request)
    member = access_person(viewer=admin, public_id=public_id, perm="propose_contributor")
    form = ProposeContributorForm(request.POST or None, admin=admin, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            contributor_request_submit(
                user=member,
                requested_by=admin,
                organisation=form.cleaned_data["organisation"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Proposta inviata ai promotori dell'hub."))
            return redirect("accounts:profile", public_id=member.public_id)
    return render(request, "accounts/contributor_propose.html", {"form": form, "member": member})


@never_cache
@login_required
def contributor_queue(request: HttpRequest) -> HttpResponse:
    user = _member(request)
    if not can(user, "review_contributor_requests"):
        raise Http404
    page = Paginator(pending_contributor_requests(), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "accounts/contributor_queue.html",
        {"page_obj": page},
    )


@login_required
@require_POST
def contributor_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _member(request)
    contributor_req = access_contributor_request(viewer=user, pk=pk)
    form = ContributorDecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                contributor_request_approve(request=contributor_req, decided_by=user)
                messages.success(
                    request,
                    _("%(name)s ora è contributore.") % {"name": contributor_req.user},
                )
            else:
                contributor_request_refuse(
                    request=contributor_req, decided_by=user, reason=form.cleaned_data["reason"]
                )
                messages.success(
                    request,
                    _("Richiesta di %(name)s rifiutata.") % {"name": contributor_req.user},
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        messages.error(request, _("Scegli se approvare o rifiutare la richiesta."))
    return redirect("accounts:contributor_queue")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def role_set(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _member(request)
    person = access_person(viewer=user, public_id=public_id, perm="set_role")
    form = RoleForm(request.POST or None, initial={"role": person.role})
    if not (user.is_staff or user.is_superuser):
        form.fields["role"].choices = [  # type: ignore[attr-defined]
            choice
            for choice in form.fields["role"].choices  # type: ignore[attr-defined]
            if choice[0] != "promoter"
        ]
    if request.method == "POST" and form.is_valid():
        try:
            user_set_role(
                user=person,
                role=form.cleaned_data["role"],
                changed_by=user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Ruolo aggiornato."))
            if person.joined_at is not None:
                return redirect("accounts:profile", public_id=person.public_id)
            return redirect("accounts:role", public_id=person.public_id)
    return render(request, "accounts/role.html", {"form": form, "person": person})
