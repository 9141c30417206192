"""Pages of an area's workspace: shared files (list and upload, versions, download,
delete) and project spaces (list, create, page with comments, edit, history).

Every page starts from ``selectors.areas.access_area`` (the same 404 for a missing area
and for one the person may not read); changes are POSTs through ``services.workspace``
and check their permission there too. Without JavaScript everything works: the budget
is a formset with empty rows, revisions are compared through a GET form.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..forms.workspace import (
    BudgetFormSet,
    FileUploadForm,
    FileVersionForm,
    ProjectCommentForm,
    ProjectForm,
    budget_rows,
)
from ..models import Area, ProjectSpace
from ..permissions import can
from ..selectors import workspace as selectors
from ..selectors.areas import access_area
from ..services import workspace as services

FILES_PER_PAGE = 20
PROJECTS_PER_PAGE = 20
PAGE_PARAMETER = "pagina"


def _login_needed(request: HttpRequest) -> bool:
    return not request.user.is_authenticated


def _page(request: HttpRequest, queryset: Any, per_page: int) -> Any:
    return Paginator(queryset, per_page).get_page(request.GET.get(PAGE_PARAMETER))


def _area_context(request: HttpRequest, area: Area, **extra: Any) -> dict[str, Any]:
    return {
        "area": area,
        "can_post": can(request.user, "communities.post_in_area", area),
        "can_facilitate": can(request.user, "communities.facilitate_area", area),
        **extra,
    }


def _posted(request: HttpRequest, state: str, published: str, held: str) -> None:
    """The flash message after a post: published, or waiting for the moderators."""
    if state == "held":
        messages.info(request, held)
    else:
        messages.success(request, published)


# --- shared files ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def file_list(request: HttpRequest, area: str) -> HttpResponse:
    """The area's files, newest change first; members upload a new one below."""
    the_area = access_area(request.user, area)
    form = None
    status = 200
    if request.method == "POST":
        if _login_needed(request):
            return redirect_to_login(request.get_full_path())
        if not can(request.user, "communities.upload_file", the_area):
            raise PermissionDenied
        form = FileUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                shared_file = services.file_upload(
                    area=the_area,
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                _posted(
                    request,
                    shared_file.moderation_state,
                    _("File caricato."),
                    _("File caricato: lo vedranno tutti dopo la revisione dei moderatori."),
                )
                return redirect("communities:file", area=the_area.slug, pk=shared_file.pk)
        status = 400
    elif can(request.user, "communities.upload_file", the_area):
        form = FileUploadForm()
    page_obj = _page(request, selectors.files_of(the_area, request.user), FILES_PER_PAGE)
    return render(
        request,
        "communities/workspace/file_list.html",
        _area_context(request, the_area, page_obj=page_obj, form=form),
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def file_detail(request: HttpRequest, area: str, pk: int) -> HttpResponse:
    """A file's versions (who, when, note, size) and, for members, a new version."""
    the_area = access_area(request.user, area)
    shared_file = selectors.access_file(request.user, the_area, pk)
    may_add = can(request.user, "communities.add_file_version", shared_file)
    form = FileVersionForm() if may_add else None
    status = 200
    if request.method == "POST":
        if _login_needed(request):
            return redirect_to_login(request.get_full_path())
        if not may_add:
            raise PermissionDenied
        form = FileVersionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                version = services.file_version_add(
                    shared_file=shared_file,
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _("Versione %(number)d caricata.") % {"number": version.number},
                )
                return redirect("communities:file", area=the_area.slug, pk=shared_file.pk)
        status = 400
    return render(
        request,
        "communities/workspace/file_detail.html",
        _area_context(
            request,
            the_area,
            shared_file=shared_file,
            versions=list(selectors.versions_of(shared_file)),
            form=form,
            can_delete=can(request.user, "communities.delete_file", shared_file),
        ),
        status=status,
    )


@require_safe
def file_download(request: HttpRequest, area: str, pk: int, number: int) -> FileResponse:
    """The stored file under its original name, as an attachment, to whoever may read
    the area; never cached by shared caches."""
    the_area = access_area(request.user, area)
    version = selectors.access_file_version(request.user, the_area, pk, number)
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=version.original_name, content_type=version.mime
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        "private, no-store" if the_area.visibility != "public" else "private, max-age=0"
    )
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def file_delete_view(request: HttpRequest, area: str, pk: int) -> HttpResponse:
    """Confirmation page, then the deletion of every version."""
    if _login_needed(request):
        return redirect_to_login(request.get_full_path())
    the_area = access_area(request.user, area)
    shared_file = selectors.access_file(request.user, the_area, pk)
    if not can(request.user, "communities.delete_file", shared_file):
        raise PermissionDenied
    if request.method == "POST":
        services.file_delete(shared_file=shared_file, actor=request.user)
        messages.success(
            request, _("«%(title)s» è stato eliminato.") % {"title": shared_file.title}
        )
        return redirect("communities:files", area=the_area.slug)
    return render(
        request,
        "communities/workspace/file_delete.html",
        _area_context(request, the_area, shared_file=shared_file),
    )


# --- project spaces ---------------------------------------------------------------------------


@require_safe
def project_list(request: HttpRequest, area: str) -> HttpResponse:
    the_area = access_area(request.user, area)
    page_obj = _page(request, selectors.projects_of(the_area), PROJECTS_PER_PAGE)
    return render(
        request,
        "communities/workspace/project_list.html",
        _area_context(
            request,
            the_area,
            page_obj=page_obj,
            can_create=can(request.user, "communities.create_project", the_area),
        ),
    )


def _budget_initial(project: ProjectSpace) -> list[dict[str, Any]]:
    return [
        {
            "item": line.item,
            "amount": f"{line.amount:.2f}".replace(".", ","),
            "funder": line.funder,
        }
        for line in project.budget_lines.all()
    ]


def _render_form(
    request: HttpRequest,
    area: Area,
    form: ProjectForm,
    formset: Any,
    project: ProjectSpace | None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "communities/workspace/project_form.html",
        _area_context(request, area, form=form, formset=formset, project=project),
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def project_create_view(request: HttpRequest, area: str) -> HttpResponse:
    if _login_needed(request):
        return redirect_to_login(request.get_full_path())
    the_area = access_area(request.user, area)
    if not can(request.user, "communities.create_project", the_area):
        raise PermissionDenied
    if request.method == "POST":
        form = ProjectForm(request.POST)
        formset = BudgetFormSet(request.POST, prefix="budget")
        if form.is_valid() and formset.is_valid():
            try:
                project = services.project_create(
                    area=the_area,
                    actor=request.user,
                    data=form.to_data(budget_rows(formset)),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Spazio progetto creato."))
                return redirect(project.get_absolute_url())
        return _render_form(request, the_area, form, formset, None, status=400)
    form = ProjectForm(initial={"status": "draft"})
    formset = BudgetFormSet(prefix="budget")
    return _render_form(request, the_area, form, formset, None)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def project_edit(request: HttpRequest, area: str, slug: str) -> HttpResponse:
    """Every save is a revision; a save based on an older revision than the latest is
    refused with an explanation (the form keeps what the person wrote)."""
    if _login_needed(request):
        return redirect_to_login(request.get_full_path())
    the_area = access_area(request.user, area)
    project = selectors.access_project(request.user, the_area, slug)
    if not can(request.user, "communities.edit_project", project):
        raise PermissionDenied
    if request.method == "POST":
        form = ProjectForm(request.POST)
        formset = BudgetFormSet(request.POST, prefix="budget")
        if form.is_valid() and formset.is_valid():
            try:
                project = services.project_update(
                    project=project,
                    actor=request.user,
                    data=form.to_data(budget_rows(formset)),
                    base_revision_id=form.cleaned_data["base_revision"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Modifiche salvate in una nuova revisione."))
                return redirect(project.get_absolute_url())
        return _render_form(request, the_area, form, formset, project, status=400)
    form = ProjectForm(
        initial={
            "title": project.title,
            "summary": project.summary,
            "objectives": project.objectives,
            "partners": project.partners,
            "next_steps": project.next_steps,
            "status": project.status,
            "base_revision": project.latest_revision_id,
        }
    )
    formset = BudgetFormSet(prefix="budget", initial=_budget_initial(project))
    return _render_form(request, the_area, form, formset, project)


def _comment_groups(comments: list[Any]) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {"": [], **{name: [] for name in services.SECTIONS}}
    for comment in comments:
        groups.setdefault(comment.section, []).append(comment)
    return groups


@require_safe
def project_detail(request: HttpRequest, area: str, slug: str) -> HttpResponse:
    the_area = access_area(request.user, area)
    project = selectors.access_project(request.user, the_area, slug)
    return _render_detail(request, the_area, project, ProjectCommentForm(), None)


def _render_detail(
    request: HttpRequest,
    area: Area,
    project: ProjectSpace,
    form: ProjectCommentForm,
    form_section: str | None,
    status: int = 200,
) -> HttpResponse:
    lines = list(project.budget_lines.all())
    comments = _comment_groups(selectors.comments_of(project, request.user))
    may_comment = can(request.user, "communities.comment_project", project)
    sections = [
        {
            "name": name,
            "label": label,
            "text": getattr(project, name, ""),
            "comments": comments.get(name, []),
            "form": (
                form if form_section == name else ProjectCommentForm(initial={"section": name})
            )
            if may_comment
            else None,
        }
        for name, label in services.SECTIONS.items()
    ]
    return render(
        request,
        "communities/workspace/project_detail.html",
        _area_context(
            request,
            area,
            project=project,
            sections=sections,
            budget_lines=[(line, selectors.euro(line.amount)) for line in lines],
            budget_total=selectors.euro(selectors.budget_total(lines)),
            general_comments=comments.get("", []),
            general_form=(form if form_section == "" else ProjectCommentForm())
            if may_comment
            else None,
            can_edit=can(request.user, "communities.edit_project", project),
        ),
        status=status,
    )


@require_POST
def project_comment(request: HttpRequest, area: str, slug: str) -> HttpResponse:
    if _login_needed(request):
        return redirect_to_login(
            reverse("communities:project", kwargs={"area": area, "slug": slug})
        )
    the_area = access_area(request.user, area)
    project = selectors.access_project(request.user, the_area, slug)
    if not can(request.user, "communities.comment_project", project):
        raise PermissionDenied
    form = ProjectCommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.project_comment_create(
                project=project,
                actor=request.user,
                body=form.cleaned_data["body"],
                section=form.cleaned_data["section"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            _posted(
                request,
                comment.moderation_state,
                _("Commento pubblicato."),
                _("Commento inviato: sarà visibile dopo la revisione dei moderatori."),
            )
            anchor = f"#commenti-{comment.section or 'progetto'}"
            return redirect(project.get_absolute_url() + anchor)
    section = request.POST.get("section", "")
    return _render_detail(
        request,
        the_area,
        project,
        form,
        section if section in services.SECTIONS else "",
        status=400,
    )


@require_safe
def project_revisions(request: HttpRequest, area: str, slug: str) -> HttpResponse:
    """Every revision (who, when) and, with ``?da=<id>&a=<id>``, what changed between
    two of them, section by section (the two latest by default)."""
    the_area = access_area(request.user, area)
    project = selectors.access_project(request.user, the_area, slug)
    page_obj = _page(request, selectors.revisions_of(project), 30)
    revisions = list(selectors.revisions_of(project).only("pk", "created_at", "user")[:2])
    older = newer = None
    if "da" in request.GET or "a" in request.GET:
        older = selectors.access_revision(project, request.GET.get("da"))
        newer = selectors.access_revision(project, request.GET.get("a"))
        if (older.created_at, older.pk) > (newer.created_at, newer.pk):
            older, newer = newer, older
    elif len(revisions) == 2:
        newer, older = revisions
    diffs = selectors.compare_revisions(older, newer) if older and newer else []
    return render(
        request,
        "communities/workspace/project_revisions.html",
        _area_context(
            request,
            the_area,
            project=project,
            page_obj=page_obj,
            older=older,
            newer=newer,
            diffs=diffs,
        ),
    )
