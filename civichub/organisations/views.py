"""Pages of /organizzazioni/: thin views over selectors (reads) and services (writes)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from civichub.accounts.models import User
from civichub.taxonomy.models import Theme
from civichub.territories.models import Region

from . import services
from .forms import (
    NO,
    YES,
    ContributorApplicationForm,
    DecisionForm,
    DirectoryFilterForm,
    OrganisationForm,
    RoleForm,
)
from .models import Kind, Membership, Organisation
from .permissions import can
from .selectors import (
    DirectoryFilters,
    access_contributor_application,
    access_membership,
    access_organisation,
    contributor_application_queue,
    latest_contributor_application,
    membership_of,
    organisation_directory,
    organisation_directory_facets,
    organisation_memberships,
    organisation_public_members,
    recent_contributor_decisions,
)


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``."""

    user: User


PER_PAGE = 20
PAGE_PARAMETER = "pagina"
REASON_MAX_LENGTH = 2000


def _require(user: Any, permission: str, organisation: Organisation | None = None) -> None:
    if not can(user, permission, organisation):
        raise PermissionDenied


def _detail(organisation: Organisation) -> HttpResponseRedirect:
    return redirect("organisations:detail", slug=organisation.slug)


def _first_message(error: ValidationError) -> str:
    return next(iter(error.messages), _("L'operazione non è riuscita."))


# --- directory ----------------------------------------------------------------------------


def _without(request: HttpRequest, *names: str) -> str:
    """The current query string without ``names`` (and back to the first page)."""
    params = request.GET.copy()
    for name in (*names, PAGE_PARAMETER):
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else request.path


def _chips(request: HttpRequest, filters: DirectoryFilters) -> list[dict[str, str]]:
    chips = []
    if filters.q:
        chips.append({"label": f"«{filters.q}»", "remove_url": _without(request, "q")})
    if filters.kind:
        chips.append(
            {"label": str(Kind(filters.kind).label), "remove_url": _without(request, "tipo")}
        )
    if filters.region is not None:
        chips.append({"label": filters.region.name, "remove_url": _without(request, "regione")})
    if filters.theme is not None:
        chips.append({"label": str(filters.theme.tr_name), "remove_url": _without(request, "tema")})
    if filters.contributor is not None:
        label = _("Contributrici") if filters.contributor else _("Non contributrici")
        chips.append({"label": label, "remove_url": _without(request, "contributore")})
    return chips


@require_safe
def organisation_list(request: HttpRequest) -> HttpResponse:
    regions = list(Region.objects.only("pk", "name", "slug").order_by("name"))
    themes = list(Theme.objects.order_by("sort_order", "name"))
    form = DirectoryFilterForm(request.GET, regions=regions, themes=themes)
    filters = form.filters()
    paginator = Paginator(organisation_directory(filters), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    facets = organisation_directory_facets(filters)
    context = {
        "page_obj": page_obj,
        "paginator": paginator,
        "filters": filters,
        "query": filters.q,
        "ignored": form.ignored(),
        "chips": _chips(request, filters),
        "clear_url": request.path,
        "kind_options": [
            (value, label, facets.kinds.get(value, 0)) for value, label in Kind.choices
        ],
        "region_options": [(r, facets.regions.get(r.pk, 0)) for r in regions],
        "theme_options": [(t, facets.themes.get(t.pk, 0)) for t in themes],
        "contributor_options": [
            (YES, _("Sì"), facets.contributor.get(True, 0)),
            (NO, _("No"), facets.contributor.get(False, 0)),
        ],
        "selected_contributor": ""
        if filters.contributor is None
        else (YES if filters.contributor else NO),
        "can_create": can(request.user, "create_organisation"),
    }
    return render(request, "organisations/directory.html", context)


# --- organisation page ----------------------------------------------------------------------


@require_safe
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug, with_relations=True)
    user = request.user
    members, members_count = organisation_public_members(organisation, viewer=user)
    context = {
        "organisation": organisation,
        "members": members,
        "members_count": members_count,
        "membership": membership_of(user, organisation),
        "can_edit": can(user, "edit_organisation", organisation),
        "can_manage": can(user, "manage_organisation_members", organisation),
        "can_join": can(user, "join_organisation", organisation),
        "can_leave": can(user, "leave_organisation", organisation),
        "can_verify": can(user, "verify_organisation", organisation),
        "can_apply": can(user, "submit_contributor_application", organisation),
    }
    return render(request, "organisations/detail.html", context)


def _organisation_form_page(
    request: HttpRequest,
    *,
    form: OrganisationForm,
    save: Callable[[OrganisationForm], Organisation],
    organisation: Organisation | None,
    success: str,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, success)
            return _detail(saved)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, "create_organisation")
    form = (
        OrganisationForm(request.POST, request.FILES)
        if request.method == "POST"
        else OrganisationForm()
    )
    return _organisation_form_page(
        request,
        form=form,
        save=lambda f: services.organisation_create(actor=request.user, data=f.to_data()),
        organisation=None,
        success=_("Organizzazione registrata: ne sei l'amministratore."),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    _require(request.user, "edit_organisation", organisation)
    initial = OrganisationForm.initial_from(organisation)
    form = (
        OrganisationForm(request.POST, request.FILES, initial=initial)
        if request.method == "POST"
        else OrganisationForm(initial=initial)
    )
    return _organisation_form_page(
        request,
        form=form,
        save=lambda f: services.organisation_update(
            organisation=organisation, actor=request.user, data=f.to_data()
        ),
        organisation=organisation,
        success=_("Modifiche salvate."),
    )


@login_required
@require_POST
def organisation_join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    _require(request.user, "join_organisation", organisation)
    services.membership_request(organisation=organisation, user=request.user)
    messages.success(
        request,
        _("Richiesta inviata: gli amministratori dell'organizzazione ti risponderanno per e-mail."),
    )
    return _detail(organisation)


@login_required
@require_POST
def organisation_leave(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    membership = membership_of(request.user, organisation)
    if membership is None or not can(request.user, "leave_organisation", organisation):
        raise PermissionDenied
    was_pending = membership.status == Membership.Status.PENDING
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(
            request,
            _("Richiesta ritirata.")
            if was_pending
            else _("Non fai più parte dell'organizzazione."),
        )
    return _detail(organisation)


@login_required
@require_POST
def organisation_verify(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    _require(request.user, "verify_organisation", organisation)
    if request.POST.get("verified") == "1":
        services.organisation_verify(organisation=organisation, actor=request.user)
        messages.success(request, _("Organizzazione verificata."))
    else:
        services.organisation_unverify(organisation=organisation, actor=request.user)
        messages.success(request, _("Verifica rimossa."))
    return _detail(organisation)


# --- members -------------------------------------------------------------------------------


@login_required
@require_safe
def organisation_members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    _require(request.user, "manage_organisation_members", organisation)
    memberships = organisation_memberships(organisation)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "pending": memberships["pending"],
            "active": memberships["active"],
            "roles": Membership.Role.choices,
        },
    )


@login_required
@require_POST
def membership_action(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    _require(request.user, "manage_organisation_members", organisation)
    membership = access_membership(organisation, pk)
    action = request.POST.get("action")
    name = membership.user.get_full_name() or membership.user.email
    try:
        if action == "approve":
            services.membership_approve(membership=membership, actor=request.user)
            done = _("%(name)s ora fa parte dell'organizzazione.") % {"name": name}
        elif action == "refuse":
            reason = request.POST.get("reason", "")[:REASON_MAX_LENGTH]
            services.membership_refuse(membership=membership, actor=request.user, reason=reason)
            done = _("Richiesta di %(name)s rifiutata.") % {"name": name}
        elif action == "role":
            role_form = RoleForm(request.POST)
            if not role_form.is_valid():
                raise ValidationError(_("Scegli un ruolo valido."))
            services.membership_set_role(
                membership=membership, actor=request.user, role=role_form.cleaned_data["role"]
            )
            done = _("Ruolo di %(name)s aggiornato.") % {"name": name}
        elif action == "remove":
            services.membership_remove(membership=membership, actor=request.user)
            done = _("%(name)s è stato rimosso dall'organizzazione.") % {"name": name}
        else:
            raise ValidationError(_("Azione non riconosciuta."))
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, done)
    return redirect("organisations:members", slug=organisation.slug)


# --- contributor organisations -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def contributor_application(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug)
    _require(request.user, "edit_organisation", organisation)
    may_apply = can(request.user, "submit_contributor_application", organisation)
    form = ContributorApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_apply:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.contributor_application_submit(
                    organisation=organisation,
                    actor=request.user,
                    motivation=form.cleaned_data["motivation"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Candidatura inviata: i promotori dell'hub ti risponderanno per e-mail."),
                )
                return _detail(organisation)
    return render(
        request,
        "organisations/contributor_application.html",
        {
            "organisation": organisation,
            "form": form,
            "may_apply": may_apply,
            "latest": latest_contributor_application(organisation),
        },
    )


@login_required
@require_safe
def contributor_application_queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request.user, "decide_contributor_applications")
    return render(
        request,
        "organisations/contributor_queue.html",
        {
            "applications": list(contributor_application_queue()),
            "decisions": recent_contributor_decisions(),
        },
    )


@login_required
@require_POST
def contributor_application_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = access_contributor_application(request.user, pk)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Decisione non riconosciuta."))
        reason = form.cleaned_data["reason"]
        if form.cleaned_data["decision"] == "approve":
            services.contributor_application_approve(
                application=application, actor=request.user, reason=reason
            )
            done = _("%(name)s è ora un'organizzazione contributrice.")
        else:
            services.contributor_application_refuse(
                application=application, actor=request.user, reason=reason
            )
            done = _("Candidatura di %(name)s rifiutata.")
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, done % {"name": application.organisation.name})
    return redirect(reverse("organisations:applications"))
