"""Reads of an area's workspace. Every function takes an area the viewer may already
see (``selectors.areas.access_area``) and filters by moderation state: a held file or
comment is shown to its author and to the area's moderators only.

The ``access_*`` functions raise the same 404 for a missing object and for one the
viewer may not see.
"""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Revision

from civichub.moderation.models import ContentState

from ..models import (
    Area,
    FileVersion,
    ProjectComment,
    ProjectSpace,
    ProjectStatus,
    SharedFile,
)
from ..permissions import can

SECTION_FIELDS = ("title", "summary", "objectives", "partners", "budget", "next_steps", "status")


def _moderates(user: Any, area: Area) -> bool:
    return bool(can(user, "communities.facilitate_area", area))


def _post_visibility(user: Any, area: Area, author_field: str) -> Q:
    """Visible posts, plus held ones for their author and the area's moderators."""
    if user is not None and user.is_authenticated and _moderates(user, area):
        return Q(moderation_state__in=[ContentState.VISIBLE, ContentState.HELD])
    visible = Q(moderation_state=ContentState.VISIBLE)
    if user is not None and user.is_authenticated:
        visible |= Q(moderation_state=ContentState.HELD, **{author_field: user})
    return visible


# --- shared files ---------------------------------------------------------------------------


def files_of(area: Area, user: Any) -> QuerySet[SharedFile]:
    """The area's files, latest change first, each with its current version's name,
    size and type (one query per page whatever the number of versions)."""
    current = FileVersion.objects.filter(shared_file=OuterRef("pk")).order_by("-number")
    return (
        SharedFile.objects.filter(area=area)
        .filter(_post_visibility(user, area, "uploaded_by"))
        .select_related("uploaded_by")
        .annotate(
            current_name=Subquery(current.values("original_name")[:1]),
            current_size=Subquery(current.values("size")[:1]),
            current_mime=Subquery(current.values("mime")[:1]),
            current_number=Subquery(current.values("number")[:1]),
        )
        .order_by("-updated_at", "-pk")
    )


def access_file(user: Any, area: Area, pk: int) -> SharedFile:
    shared_file = (
        SharedFile.objects.filter(area=area, pk=pk)
        .filter(_post_visibility(user, area, "uploaded_by"))
        .select_related("uploaded_by", "area")
        .first()
    )
    if shared_file is None:
        raise Http404
    return shared_file


def versions_of(shared_file: SharedFile) -> QuerySet[FileVersion]:
    return shared_file.versions.select_related("uploaded_by").order_by("-number")


def access_file_version(user: Any, area: Area, pk: int, number: int) -> FileVersion:
    shared_file = access_file(user, area, pk)
    version = FileVersion.objects.filter(shared_file=shared_file, number=number).first()
    if version is None:
        raise Http404
    version.shared_file = shared_file
    return version


# --- project spaces ---------------------------------------------------------------------------


def projects_of(area: Area) -> QuerySet[ProjectSpace]:
    return (
        ProjectSpace.objects.filter(area=area)
        .select_related("area", "created_by", "updated_by")
        .order_by("-updated_at", "-pk")
    )


def access_project(user: Any, area: Area, slug: str) -> ProjectSpace:
    project = (
        ProjectSpace.objects.filter(area=area, slug=slug)
        .select_related("created_by", "updated_by", "area")
        .prefetch_related("budget_lines")
        .first()
    )
    if project is None:
        raise Http404
    return project


def comments_of(project: ProjectSpace, user: Any) -> list[ProjectComment]:
    comments = list(
        ProjectComment.objects.filter(project=project)
        .filter(_post_visibility(user, project.area, "author"))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    for comment in comments:
        # The report link asks the comment for its project's area: no query per row.
        comment.project = project
    return comments


def revisions_of(project: ProjectSpace) -> QuerySet[Revision]:
    return project.revisions.select_related("user").order_by("-created_at", "-pk")


def access_revision(project: ProjectSpace, pk: Any) -> Revision:
    try:
        revision = revisions_of(project).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        revision = None
    if revision is None:
        raise Http404
    return revision


def budget_total(lines: Sequence[Any]) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0"))


def euro(amount: Decimal | int | float) -> str:
    """An amount in the Italian currency format: ``1.234,50 €``."""
    text = f"{Decimal(amount):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} €"


# --- comparing revisions -----------------------------------------------------------------------


@dataclass(frozen=True)
class SectionDiff:
    name: str
    label: str
    changed: bool
    html: SafeString


def _budget_text(project: ProjectSpace) -> str:
    lines = [
        f"{line.item} — {euro(line.amount)}" + (f" — {line.funder}" if line.funder else "")
        for line in project.budget_lines.all()
    ]
    if lines:
        lines.append(f"Totale — {euro(budget_total(list(project.budget_lines.all())))}")
    return "\n".join(lines)


def section_text(project: ProjectSpace, name: str) -> str:
    if name == "budget":
        return _budget_text(project)
    if name == "status":
        return str(ProjectStatus(project.status).label) if project.status else ""
    return str(getattr(project, name) or "")


def _diff_html(old: str, new: str) -> SafeString:
    """Word-level difference of two texts: deletions in ``<del>``, insertions in
    ``<ins>`` (each with a visually hidden label, so screen readers and printouts tell
    them apart without colour); line breaks kept."""
    old_words = old.replace("\n", " \n ").split(" ")
    new_words = new.replace("\n", " \n ").split(" ")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    parts: list[str] = []

    def words(items: Sequence[str]) -> str:
        return (
            " ".join(escape(item) for item in items).replace(" \n ", "<br>").replace("\n", "<br>")
        )

    from django.utils.translation import gettext as _

    removed, added = escape(_("testo eliminato:")), escape(_("testo aggiunto:"))
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(words(old_words[a1:a2]))
            continue
        if tag in ("delete", "replace"):
            parts.append(
                f'<del><span class="visually-hidden">[{removed}</span>{words(old_words[a1:a2])}'
                '<span class="visually-hidden">]</span></del>'
            )
        if tag in ("insert", "replace"):
            parts.append(
                f'<ins><span class="visually-hidden">[{added}</span>{words(new_words[b1:b2])}'
                '<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe(" ".join(part for part in parts if part))  # noqa: S308 (escaped above)


def compare_revisions(older: Revision, newer: Revision) -> list[SectionDiff]:
    """What changed in each section between two revisions of a project."""
    from ..services.workspace import SECTIONS

    labels = {
        "title": ProjectSpace._meta.get_field("title").verbose_name,
        "summary": ProjectSpace._meta.get_field("summary").verbose_name,
        "status": ProjectSpace._meta.get_field("status").verbose_name,
        **SECTIONS,
    }
    before, after = older.as_object(), newer.as_object()
    diffs = []
    for name in SECTION_FIELDS:
        old, new = section_text(before, name), section_text(after, name)
        diffs.append(
            SectionDiff(
                name=name,
                label=str(labels[name]).capitalize(),
                changed=old != new,
                html=_diff_html(old, new)
                if old != new
                else mark_safe(escape(new).replace("\n", "<br>")),  # noqa: S308
            )
        )
    return diffs


__all__ = [
    "access_file",
    "access_file_version",
    "access_project",
    "access_revision",
    "budget_total",
    "comments_of",
    "compare_revisions",
    "euro",
    "files_of",
    "projects_of",
    "revisions_of",
    "versions_of",
]
