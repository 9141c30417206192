"""Pages of the working areas: the list, an area's home, its members, the facilitators'
page and the membership steps (join or ask, leave, answer an invitation).

Thin views: the area comes from ``selectors.areas.access_area`` (the same 404 for
missing and hidden), the person's own row is looked up by area and user (never by an id
from the request), the facilitators' forms find rows only inside the area, and every
change goes through ``services.areas``, whose refusals are shown as they are. Every
change is a POST; everything works without JavaScript.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from civichub.accounts.permissions import has_joined
from civichub.events.selectors import area_upcoming_events

from ..forms.areas import DecideForm, InviteForm, JoinForm, RemoveForm, WelcomeForm
from ..models import Area, JoinPolicy, MemberState
from ..permissions import can
from ..selectors import areas as selectors
from ..selectors import discussions
from ..services import areas as services


def first_message(error: ValidationError) -> str:
    return next(iter(error.messages), _("L'operazione non è riuscita."))


def _membership_redirect(next_url: str) -> HttpResponseRedirect:
    url = reverse("accounts:membership")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}")


def _facilitated_area(request: HttpRequest, slug: str) -> Area:
    area = selectors.access_area(request.user, slug)
    if not can(request.user, "communities.facilitate_area", area):
        raise Http404
    return area


def _manage_url(area: Area) -> str:
    return reverse("communities:manage", kwargs={"area": area.slug})


# --- list and area home --------------------------------------------------------------------


@require_safe
def area_list(request: HttpRequest) -> HttpResponse:
    can_create = can(request.user, "communities.create_area")
    listing = selectors.area_list(
        request.user,
        theme_slug=request.GET.get("tema", "")[:80],
        page=request.GET.get("pagina", 1),
    )
    return render(
        request,
        "communities/areas/list.html",
        {
            "listing": listing,
            "page_obj": listing.page,
            "can_create": can_create,
            "create_url": reverse("wagtailsnippets_communities_area:add") if can_create else "",
        },
    )


@login_required
@require_safe
def promoters_workspace(request: HttpRequest) -> HttpResponse:
    """The header's link for promoters: the reserved workspace, wherever its slug."""
    if not can(request.user, "accounts.access_promoters_workspace"):
        raise Http404
    area = (
        Area.objects.filter(is_promoters_workspace=True, archived_at__isnull=True)
        .order_by("created_at", "pk")
        .first()
    )
    if area is None:
        raise Http404
    return redirect(area.get_absolute_url())


@require_safe
def area_detail(request: HttpRequest, area: str) -> HttpResponse:
    area_obj = selectors.access_area(request.user, area)
    user = request.user
    row = selectors.own_membership(user, area_obj)
    context: dict[str, Any] = {
        "area": area_obj,
        "membership": row,
        "facilitators": selectors.area_facilitators(area_obj),
        "can_join": can(user, "communities.join_area", area_obj),
        "can_post": can(user, "communities.post_in_area", area_obj),
        "can_facilitate": can(user, "communities.facilitate_area", area_obj),
        "join_form": JoinForm() if area_obj.join_policy == JoinPolicy.REQUEST else None,
        "has_joined": has_joined(user),
        "threads": discussions.area_threads(user, area_obj, request.GET),
        "upcoming_events": area_upcoming_events(area_obj, limit=5),
    }
    return render(request, "communities/areas/detail.html", context)


@require_safe
def area_members(request: HttpRequest, area: str) -> HttpResponse:
    area_obj = selectors.access_area(request.user, area)
    page_obj = selectors.area_members(request.user, area_obj, page=request.GET.get("pagina", 1))
    return render(
        request,
        "communities/areas/members.html",
        {
            "area": area_obj,
            "page_obj": page_obj,
            "can_facilitate": can(request.user, "communities.facilitate_area", area_obj),
        },
    )


# --- membership ----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def area_join_view(request: HttpRequest, area: str) -> HttpResponse:
    """GET: the join (or request) page, where the login leads back to; POST: join."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    area_obj = selectors.access_area(user, area)
    if not has_joined(user):
        return _membership_redirect(request.get_full_path())
    row = selectors.own_membership(user, area_obj)
    if row is not None and row.state == MemberState.INVITED:
        return redirect("communities:invitation", area=area_obj.slug)
    if row is not None and row.state in (MemberState.ACTIVE, MemberState.REQUESTED):
        return redirect(area_obj.get_absolute_url())
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.area_join(area=area_obj, user=user, message=form.cleaned_data["message"])
        except ValidationError as error:
            messages.error(request, first_message(error))
        except PermissionDenied:
            messages.error(request, _("Non puoi entrare in quest'area."))
        else:
            if row.state == MemberState.ACTIVE:
                messages.success(
                    request,
                    _("Benvenuto nell'area! Riceverai le novità delle nuove discussioni."),
                )
            else:
                messages.success(
                    request,
                    _("Richiesta inviata: ti scriveremo quando i facilitatori avranno deciso."),
                )
            return redirect(area_obj.get_absolute_url())
    return render(
        request,
        "communities/areas/join.html",
        {
            "area": area_obj,
            "form": form,
            "membership": row,
            "can_join": can(user, "communities.join_area", area_obj),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def area_leave_view(request: HttpRequest, area: str) -> HttpResponse:
    area_obj = selectors.access_area(request.user, area)
    row = selectors.own_membership(request.user, area_obj)
    if row is None or row.state not in (MemberState.ACTIVE, MemberState.REQUESTED):
        return redirect(area_obj.get_absolute_url())
    if request.method == "POST":
        try:
            services.area_leave(area=area_obj, user=request.user)
        except ValidationError as error:
            messages.error(request, first_message(error))
            return redirect(area_obj.get_absolute_url())
        if row.state == MemberState.REQUESTED:
            messages.success(request, _("Richiesta ritirata."))
        else:
            messages.success(request, _("Sei uscito dall'area."))
        if can(request.user, "communities.view_area", area_obj):
            return redirect(area_obj.get_absolute_url())
        return redirect("communities:index")
    return render(request, "communities/areas/leave.html", {"area": area_obj, "membership": row})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_respond_view(request: HttpRequest, area: str) -> HttpResponse:
    """The invitation's page. A private area is invisible to the person invited until
    they accept, so the row is found first and the area read from it."""
    found = Area.objects.filter(slug=area).first()
    row = selectors.own_membership(request.user, found) if found is not None else None
    if row is None or row.state not in (MemberState.INVITED, MemberState.ACTIVE):
        raise Http404
    area_obj = row.area
    if row.state == MemberState.ACTIVE:
        return redirect(area_obj.get_absolute_url())
    if request.method == "POST":
        accept = request.POST.get("risposta") == "accetta"
        try:
            services.invitation_respond(membership=row, user=request.user, accept=accept)
        except ValidationError as error:
            messages.error(request, first_message(error))
            return redirect("communities:index")
        if accept:
            messages.success(request, _("Benvenuto nell'area!"))
            return redirect(area_obj.get_absolute_url())
        messages.success(request, _("Invito rifiutato."))
        return redirect("communities:index")
    return render(
        request, "communities/areas/invitation.html", {"area": area_obj, "membership": row}
    )


# --- the facilitators' page ----------------------------------------------------------------


@login_required
@require_safe
def area_manage(request: HttpRequest, area: str) -> HttpResponse:
    area_obj = _facilitated_area(request, area)
    return render(
        request,
        "communities/areas/manage.html",
        {
            "area": area_obj,
            "requests": selectors.pending_requests(area_obj),
            "invitations": selectors.pending_invitations(area_obj),
            "page_obj": selectors.area_members(
                request.user, area_obj, page=request.GET.get("pagina", 1)
            ),
            "invite_form": InviteForm(),
            "decide_form": DecideForm(),
            "welcome_form": WelcomeForm(
                initial={"welcome": area_obj.welcome, "welcome_en": area_obj.welcome_en}
            ),
        },
    )


@login_required
@require_POST
def request_decide(request: HttpRequest, area: str, pk: int) -> HttpResponse:
    area_obj = _facilitated_area(request, area)
    row = selectors.access_membership(area_obj, pk, states=(MemberState.REQUESTED,))
    form = DecideForm(request.POST)
    approve = request.POST.get("decisione") == "approva"
    if not form.is_valid():
        messages.error(request, first_message(ValidationError(list(form.errors.values()))))
        return redirect(_manage_url(area_obj))
    try:
        services.join_request_decide(
            membership=row, actor=request.user, approve=approve, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        name = row.user.get_full_name()
        if approve:
            messages.success(request, _("%(name)s è entrato nell'area.") % {"name": name})
        else:
            messages.success(request, _("Richiesta di %(name)s rifiutata.") % {"name": name})
    return redirect(_manage_url(area_obj))


@login_required
@require_POST
def member_invite_view(request: HttpRequest, area: str) -> HttpResponse:
    area_obj = _facilitated_area(request, area)
    form = InviteForm(request.POST)
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            row = services.member_invite(area=area_obj, actor=request.user, user=person)
        except ValidationError as error:
            form.add_error("person", error)
        else:
            if row.state == MemberState.ACTIVE:
                text = _("%(name)s aveva chiesto di entrare: ora fa parte dell'area.")
            else:
                text = _("Invito inviato a %(name)s.")
            messages.success(request, text % {"name": person.get_full_name()})
            return redirect(_manage_url(area_obj))
    return render(
        request,
        "communities/areas/invite.html",
        {"area": area_obj, "invite_form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_remove_view(request: HttpRequest, area: str, pk: int) -> HttpResponse:
    """A confirmation page with the reason, then the removal."""
    area_obj = _facilitated_area(request, area)
    row = selectors.access_membership(area_obj, pk, states=(MemberState.ACTIVE,))
    form = RemoveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_remove(
                area=area_obj, user=row.user, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s è stato rimosso dall'area.") % {"name": row.user.get_full_name()},
            )
            return redirect(_manage_url(area_obj))
    return render(
        request,
        "communities/areas/remove.html",
        {"area": area_obj, "membership": row, "form": form},
    )


@login_required
@require_POST
def facilitator_set_view(request: HttpRequest, area: str, pk: int) -> HttpResponse:
    area_obj = _facilitated_area(request, area)
    row = selectors.access_membership(area_obj, pk, states=(MemberState.ACTIVE,))
    facilitator = request.POST.get("facilitatore") == "1"
    try:
        services.facilitator_set(
            area=area_obj, user=row.user, actor=request.user, facilitator=facilitator
        )
    except ValidationError as error:
        messages.error(request, first_message(error))
    else:
        name = row.user.get_full_name()
        if facilitator:
            messages.success(request, _("%(name)s ora è facilitatore.") % {"name": name})
        else:
            messages.success(request, _("%(name)s non è più facilitatore.") % {"name": name})
    return redirect(_manage_url(area_obj))


@login_required
@require_POST
def welcome_edit(request: HttpRequest, area: str) -> HttpResponse:
    area_obj = _facilitated_area(request, area)
    form = WelcomeForm(request.POST)
    if form.is_valid():
        try:
            services.welcome_update(
                area=area_obj,
                actor=request.user,
                welcome=form.cleaned_data["welcome"],
                welcome_en=form.cleaned_data["welcome_en"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Messaggio di benvenuto aggiornato."))
            return redirect(_manage_url(area_obj))
    return render(
        request,
        "communities/areas/welcome.html",
        {"area": area_obj, "welcome_form": form},
        status=400,
    )
