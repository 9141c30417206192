"""Pages of discussions: an area's thread list, a new discussion, the thread with its
replies, replying (with quote), editing and edit history, useful marks, accepted
answers, pin / lock / move, and the mention autocomplete.

Thin views: threads come from ``selectors.discussions.access_thread`` (the same 404 for
missing, forbidden and someone else's held thread), replies only from inside their
thread, and every change goes through ``services.discussions``, whose refusals are
shown as they are. Every change is a POST; everything works without JavaScript (HTMX
only swaps the useful button in place).
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

from civichub.accounts.models import User
from civichub.accounts.permissions import has_joined
from civichub.moderation.models import ContentState

from ..forms.discussions import (
    MoveForm,
    ReplyEditForm,
    ReplyForm,
    ThreadEditForm,
    ThreadForm,
)
from ..models import Area, Reply, Thread
from ..permissions import can
from ..selectors import areas as area_selectors
from ..selectors import discussions as selectors
from ..services import discussions as services
from .areas import _membership_redirect, first_message


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``."""

    user: User


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _apply_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _mention_url(area: Area) -> str:
    return reverse("communities:mentions", kwargs={"area": area.slug})


def _thread_url(thread: Thread, **query: Any) -> str:
    url = thread.get_absolute_url()
    query = {key: value for key, value in query.items() if value}
    return f"{url}?{urlencode(query)}" if query else url


def _reply_url(request: HttpRequest, thread: Thread, reply: Reply) -> str:
    page = selectors.reply_page_number(request.user, thread, reply)
    url = _thread_url(thread, pagina=page if page > 1 else None)
    return f"{url}#risposta-{reply.pk}"


def _thread(request: HttpRequest, area: str, pk: int) -> Thread:
    return selectors.access_thread(request.user, area, pk)


# --- the thread list -----------------------------------------------------------------------


@require_safe
def thread_list(request: HttpRequest, area: str) -> HttpResponse:
    """An area's discussions on their own page (the area's home shows the same list)."""
    area_obj = area_selectors.access_area(request.user, area)
    return render(
        request,
        "communities/discussions/list.html",
        {
            "area": area_obj,
            "threads": selectors.area_threads(request.user, area_obj, request.GET),
            "can_post": can(request.user, "communities.post_in_area", area_obj),
        },
    )


# --- new discussion ------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def thread_create(request: HttpRequest, area: str) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    area_obj = area_selectors.access_area(user, area)
    if not has_joined(user):
        return _membership_redirect(request.get_full_path())
    if not can(user, "communities.post_in_area", area_obj):
        return render(
            request, "communities/discussions/cannot_post.html", {"area": area_obj}, status=403
        )
    posted = request.method == "POST"
    form = ThreadForm(request.POST if posted else None, mention_url=_mention_url(area_obj))
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            thread = services.thread_create(
                area=area_obj,
                author=user,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                tags=form.tag_list(),
                request_key=data.get("request_key") or "",
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Non puoi aprire discussioni in quest'area."))
        else:
            if thread.moderation_state == ContentState.HELD:
                messages.info(
                    request,
                    _(
                        "La discussione è stata inviata: la vedrai solo tu finché un "
                        "moderatore non la approva."
                    ),
                )
            else:
                messages.success(request, _("Discussione pubblicata."))
            return redirect(thread.get_absolute_url())
    return render(request, "communities/discussions/form.html", {"area": area_obj, "form": form})


# --- the thread ------------------------------------------------------------------------------


def _reply_form(request: HttpRequest, thread: Thread, data: Any = None) -> ReplyForm:
    initial: dict[str, Any] = {}
    quote = request.GET.get("cita", "")
    if quote.isdigit():
        initial["quoted"] = int(quote)
    return ReplyForm(data, initial=initial, mention_url=_mention_url(thread.area))


def _quoted(request: HttpRequest, thread: Thread, value: Any) -> Reply | None:
    if not value:
        return None
    try:
        return selectors.access_reply(request.user, thread, int(value))
    except (Http404, ValueError, TypeError):
        return None


def _thread_context(request: HttpRequest, thread: Thread) -> dict[str, Any]:
    user = request.user
    area = thread.area
    can_post = bool(can(user, "communities.post_in_area", area))
    return {
        "area": area,
        "thread": thread,
        "can_post": can_post,
        "can_reply": can_post
        and thread.locked_at is None
        and thread.moderation_state == ContentState.VISIBLE,
        "can_facilitate": bool(can(user, "communities.facilitate_area", area)),
        "can_edit_thread": bool(can(user, "communities.edit_post", thread)),
        "can_accept": bool(can(user, "communities.accept_answer", thread)),
        "has_joined": has_joined(user),
    }


def _render_thread(
    request: HttpRequest, thread: Thread, form: ReplyForm | None = None, status: int = 200
) -> HttpResponse:
    data = selectors.thread_page(request.user, thread, request.GET.get("pagina", 1))
    context = _thread_context(request, thread)
    form = form or _reply_form(request, thread)
    quoted = _quoted(request, thread, form["quoted"].value())
    replies: list[Any] = list(data.page.object_list)
    for reply in replies:
        reply.can_edit = can(request.user, "communities.edit_post", reply)
        reply.can_mark = can(request.user, "communities.mark_useful", reply)
    accepted: Any = data.accepted
    if accepted is not None:
        accepted.can_mark = can(request.user, "communities.mark_useful", accepted)
    context.update(
        {
            "page_obj": data.page,
            "replies": data.page.object_list,
            "accepted": data.accepted,
            "form": form,
            "quoted": quoted,
        }
    )
    return render(request, "communities/discussions/thread.html", context, status=status)


@require_safe
def thread_detail(request: HttpRequest, area: str, pk: int, slug: str = "") -> HttpResponse:
    thread = _thread(request, area, pk)
    if slug != thread.slug:
        query = request.GET.urlencode()
        url = thread.get_absolute_url()
        return HttpResponseRedirect(f"{url}?{query}" if query else url, status=301)
    return _render_thread(request, thread)


@require_safe
def reply_permalink(
    request: HttpRequest, area: str, pk: int, slug: str, reply: int
) -> HttpResponse:
    """The address of one reply: the thread's page that shows it (used in notifications)."""
    thread = _thread(request, area, pk)
    found = selectors.access_reply(request.user, thread, reply)
    return redirect(_reply_url(request, thread, found))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply_create(request: AuthenticatedHttpRequest, area: str, pk: int, slug: str) -> HttpResponse:
    """POST: the reply form at the bottom of the thread. GET (and refusals): the form on
    its own page, with the quoted reply."""
    thread = _thread(request, area, pk)
    user = request.user
    if not has_joined(user):
        return _membership_redirect(request.get_full_path())
    posted = request.method == "POST"
    form = _reply_form(request, thread, request.POST if posted else None)
    context = _thread_context(request, thread)
    if not context["can_reply"]:
        return render(request, "communities/discussions/cannot_post.html", {**context}, status=403)
    if posted and form.is_valid():
        data = form.cleaned_data
        quoted = _quoted(request, thread, data.get("quoted"))
        try:
            reply = services.reply_create(
                thread=thread,
                author=user,
                body=data["body"],
                quoted=quoted,
                request_key=data.get("request_key") or "",
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Non puoi rispondere in questa discussione."))
        else:
            if reply.moderation_state == ContentState.HELD:
                messages.info(
                    request,
                    _("Risposta inviata: la vedrai solo tu finché un moderatore non la approva."),
                )
            else:
                messages.success(request, _("Risposta pubblicata."))
            return redirect(_reply_url(request, thread, reply))
    quoted = _quoted(request, thread, form["quoted"].value())
    if quoted is not None:
        selectors.decorate_posts([quoted], user)
    return render(
        request,
        "communities/discussions/reply_form.html",
        {**context, "form": form, "quoted": quoted},
        status=400 if posted else 200,
    )


# --- edits and history -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thread_edit(request: AuthenticatedHttpRequest, area: str, pk: int, slug: str) -> HttpResponse:
    thread = _thread(request, area, pk)
    if not can(request.user, "communities.edit_post", thread):
        raise Http404
    posted = request.method == "POST"
    initial = {
        "title": thread.title,
        "category": thread.category,
        "body": thread.body,
        "tags": ", ".join(tag.name for tag in thread.tags.all()),
    }
    form = ThreadEditForm(
        request.POST if posted else None, initial=initial, mention_url=_mention_url(thread.area)
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.thread_update(
                thread=thread,
                actor=request.user,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                tags=form.tag_list(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Non puoi modificare questa discussione."))
        else:
            messages.success(request, _("Modifiche salvate."))
            return redirect(thread.get_absolute_url())
    return render(
        request,
        "communities/discussions/form.html",
        {"area": thread.area, "thread": thread, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply_edit(
    request: AuthenticatedHttpRequest, area: str, pk: int, slug: str, reply: int
) -> HttpResponse:
    thread = _thread(request, area, pk)
    found = selectors.access_reply(request.user, thread, reply)
    if not can(request.user, "communities.edit_post", found):
        raise Http404
    posted = request.method == "POST"
    form = ReplyEditForm(request.POST if posted else None, initial={"body": found.body})
    form.fields["body"].widget.attrs["data-mentions"] = _mention_url(thread.area)
    if posted and form.is_valid():
        try:
            services.reply_update(reply=found, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Non puoi modificare questa risposta."))
        else:
            messages.success(request, _("Modifiche salvate."))
            return redirect(_reply_url(request, thread, found))
    return render(
        request,
        "communities/discussions/reply_edit.html",
        {"area": thread.area, "thread": thread, "reply": found, "form": form},
    )


@require_safe
def thread_revisions(request: HttpRequest, area: str, pk: int, slug: str) -> HttpResponse:
    thread = _thread(request, area, pk)
    return render(
        request,
        "communities/discussions/revisions.html",
        {
            "area": thread.area,
            "thread": thread,
            "post": thread,
            "current": thread.body,
            "revisions": selectors.revisions_of(thread),
        },
    )


@require_safe
def reply_revisions(
    request: HttpRequest, area: str, pk: int, slug: str, reply: int
) -> HttpResponse:
    thread = _thread(request, area, pk)
    found = selectors.access_reply(request.user, thread, reply)
    return render(
        request,
        "communities/discussions/revisions.html",
        {
            "area": thread.area,
            "thread": thread,
            "post": found,
            "current": found.body,
            "revisions": selectors.revisions_of(found),
        },
    )


# --- useful, accepted answer ------------------------------------------------------------------


@login_required
@require_POST
def reply_useful(
    request: AuthenticatedHttpRequest, area: str, pk: int, slug: str, reply: int
) -> HttpResponse:
    """Toggle the reader's «utile» on a reply; HTMX swaps the button and the count."""
    thread = _thread(request, area, pk)
    found = selectors.access_reply(request.user, thread, reply)
    marked = found.useful_marks.filter(user=request.user).exists()
    error = ""
    try:
        if marked:
            services.reply_unmark_useful(reply=found, user=request.user)
        else:
            services.reply_mark_useful(reply=found, user=request.user)
        marked = not marked
    except ValidationError as problem:
        error = first_message(problem)
    except PermissionDenied:
        error = _("Non puoi segnare questa risposta come utile.")
    if _is_htmx(request):
        decorated: Any = found
        decorated.marked_useful = marked
        decorated.can_mark = True
        return render(
            request,
            "communities/discussions/includes/useful.html",
            {"area": thread.area, "thread": thread, "reply": found, "useful_error": error},
        )
    if error:
        messages.error(request, error)
    return redirect(_reply_url(request, thread, found))


@login_required
@require_POST
def answer_toggle(
    request: AuthenticatedHttpRequest, area: str, pk: int, slug: str, reply: int
) -> HttpResponse:
    thread = _thread(request, area, pk)
    found = selectors.access_reply(request.user, thread, reply)
    try:
        if thread.accepted_reply_id == found.pk:
            services.answer_unaccept(thread=thread, actor=request.user)
            messages.success(request, _("La risposta non è più indicata come accettata."))
        else:
            services.answer_accept(thread=thread, reply=found, actor=request.user)
            messages.success(request, _("Risposta indicata come accettata."))
    except ValidationError as error:
        messages.error(request, first_message(error))
    except PermissionDenied:
        raise Http404 from None
    return redirect(_reply_url(request, thread, found))


# --- facilitators: pin, lock, move --------------------------------------------------------------


def _toggle(
    request: AuthenticatedHttpRequest,
    area: str,
    pk: int,
    field: str,
    on: tuple[Any, str],
    off: tuple[Any, str],
) -> HttpResponse:
    """Pin / lock a thread when ``field`` is empty, unpin / unlock it otherwise."""
    thread = _thread(request, area, pk)
    service, message = off if getattr(thread, field) else on
    try:
        service(thread=thread, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, message)
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def thread_pin_toggle(
    request: AuthenticatedHttpRequest, area: str, pk: int, slug: str
) -> HttpResponse:
    return _toggle(
        request,
        area,
        pk,
        "pinned_at",
        on=(services.thread_pin, _("Discussione messa in evidenza.")),
        off=(services.thread_unpin, _("La discussione non è più in evidenza.")),
    )


@login_required
@require_POST
def thread_lock_toggle(
    request: AuthenticatedHttpRequest, area: str, pk: int, slug: str
) -> HttpResponse:
    return _toggle(
        request,
        area,
        pk,
        "locked_at",
        on=(services.thread_lock, _("Discussione chiusa: non si possono più aggiungere risposte.")),
        off=(services.thread_unlock, _("Discussione riaperta.")),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def thread_move_view(
    request: AuthenticatedHttpRequest, area: str, pk: int, slug: str
) -> HttpResponse:
    thread = _thread(request, area, pk)
    user = request.user
    if not can(user, "communities.facilitate_area", thread.area):
        raise Http404
    targets = [
        candidate
        for candidate in Area.objects.visible_to(user)
        .filter(archived_at__isnull=True)
        .exclude(pk=thread.area_id)
        .order_by("name")
        if can(user, "communities.facilitate_area", candidate)
    ]
    choices = Area.objects.filter(pk__in=[candidate.pk for candidate in targets]).order_by("name")
    posted = request.method == "POST"
    form = MoveForm(request.POST if posted else None, areas=choices)
    if posted and form.is_valid():
        try:
            services.thread_move(thread=thread, actor=user, area=form.cleaned_data["area"])
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied:
            form.add_error("area", _("Non facilìti l'area scelta."))
        else:
            messages.success(request, _("Discussione spostata."))
            return redirect(thread.get_absolute_url())
    return render(
        request,
        "communities/discussions/move.html",
        {"area": thread.area, "thread": thread, "form": form, "has_targets": bool(targets)},
    )


# --- mention autocomplete -----------------------------------------------------------------------


@require_safe
def mention_autocomplete(request: HttpRequest, area: str) -> HttpResponse:
    """HTMX fragment: a listbox of the area's members whose name starts with ``q``.
    Only people who may post in the area get names."""
    area_obj = area_selectors.access_area(request.user, area)
    people: list[Any] = []
    if can(request.user, "communities.post_in_area", area_obj):
        people = selectors.mention_candidates(area_obj, request.GET.get("q", ""))
    return render(
        request,
        "communities/discussions/includes/mention_options.html",
        {"people": people, "area": area_obj},
    )
