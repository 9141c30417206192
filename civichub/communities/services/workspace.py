"""Writes of an area's workspace: shared files with versions, project spaces and their
comments.

Files are checked by content (``core.validators.validate_upload``; CSV and plain text,
which have no signature, by name and by decoding as text), stored under a random name
below ``communities/`` (never served by ``/media/``: only the download view, which checks
the area, streams them) and deleted from storage only when the transaction commits.

A project space keeps a Wagtail revision at every save (budget lines included, it is a
``ClusterableModel``). ``project_update`` takes the id of the revision the editor started
from and refuses the save when someone else saved in the meantime, so nobody overwrites
a colleague's work without seeing it.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civichub.core.audit import log_action
from civichub.core.validators import IMAGE_MIME_TYPES, validate_upload
from civichub.moderation.models import ContentState

from ..models import (
    Area,
    BudgetLine,
    FileVersion,
    ProjectComment,
    ProjectSpace,
    ProjectStatus,
    SharedFile,
)
from ..permissions import can

LOG_PREFIX = "civichub.communities."
# Audit actions (label, message) of this part, for the back office's log.
LOG_ACTIONS = {
    "file_upload": (gettext_lazy("Caricamento file"), gettext_lazy("File condiviso caricato")),
    "file_version": (gettext_lazy("Nuova versione"), gettext_lazy("Nuova versione di un file")),
    "file_delete": (gettext_lazy("Eliminazione file"), gettext_lazy("File condiviso eliminato")),
    "project_create": (gettext_lazy("Nuovo progetto"), gettext_lazy("Spazio progetto creato")),
    "project_update": (gettext_lazy("Modifica progetto"), gettext_lazy("Progetto modificato")),
    "project_comment": (gettext_lazy("Commento"), gettext_lazy("Commento a un progetto")),
}

FILE_MAX_BYTES = 20 * 1024 * 1024
OFFICE_MIME_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
FILE_MIME_TYPES = {"application/pdf", *OFFICE_MIME_TYPES, *IMAGE_MIME_TYPES}
# Formats with no signature to sniff: accepted by name when the content is text.
TEXT_EXTENSIONS = {".csv": "text/csv", ".txt": "text/plain"}
TEXT_ENCODINGS = ("utf-8", "cp1252")

TITLE_MAX = 160
DESCRIPTION_MAX = 1000
NOTE_MAX = 300
NAME_MAX = 200
SECTION_MAX = 20_000
SUMMARY_MAX = 600
COMMENT_MAX = 4000
BUDGET_LINES_MAX = 50
AMOUNT_MAX = Decimal("9999999999.99")

# Fixed path of urls.py that a project slug must never take.
RESERVED_SLUGS = frozenset({"nuovo"})
# The sections of a project page, in order; comments name one of them (or none).
SECTIONS: dict[str, Any] = {
    "objectives": gettext_lazy("Obiettivi"),
    "partners": gettext_lazy("Partner"),
    "budget": gettext_lazy("Budget"),
    "next_steps": gettext_lazy("Prossimi passi"),
}
TEXT_SECTIONS = ("objectives", "partners", "next_steps")
DOUBLE_SUBMIT_WINDOW = datetime.timedelta(minutes=2)
STALE_MESSAGE = gettext_lazy(
    "Qualcuno ha modificato il progetto mentre lo stavi modificando: ricarica la pagina, "
    "guarda le modifiche nella cronologia e riporta le tue sulla versione più recente."
)


# --- helpers ------------------------------------------------------------------------------


def _require(actor: Any, permission: str, obj: Any) -> None:
    if not can(actor, permission, obj):
        raise PermissionDenied


def _log(instance: Any, action: str, actor: Any, **data: Any) -> None:
    log_action(
        instance=instance,
        action=LOG_PREFIX + action,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def _clean_text(value: str | None, *, one_line: bool = False) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    return " ".join(text.split()) if one_line else text


def _check_length(errors: dict[str, list[str]], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.setdefault(field, []).append(
            _("Al massimo %(limit)d caratteri (ne hai scritti %(count)d).")
            % {"limit": limit, "count": len(value)}
        )


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(
            {field: [ValidationError(m) for m in msgs] for field, msgs in errors.items()}
        )


def _touch_area(area: Area) -> None:
    Area.objects.filter(pk=area.pk).update(last_activity_at=timezone.now())


def _screen(actor: Any, text: str) -> str:
    """The moderation state of a new post, or ``ValidationError`` when the person may
    not post now (suspended, too many posts or links)."""
    from civichub.moderation.services import post_screen

    return str(post_screen(author=actor, text=text))


# --- uploads ------------------------------------------------------------------------------


def _text_mime(upload: UploadedFile, extension: str) -> str | None:
    """CSV and TXT carry no signature: accept them by name when the content reads as
    text (no NUL byte, valid UTF-8 or Windows-1252)."""
    if extension not in TEXT_EXTENSIONS:
        return None
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(0)
    if b"\x00" in head:
        return None
    for encoding in TEXT_ENCODINGS:
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return TEXT_EXTENSIONS[extension]
    return None


def check_upload(upload: UploadedFile | None) -> tuple[str, str]:
    """``(mime, original name)`` of an acceptable upload, or ``ValidationError``."""
    if upload is None:
        raise ValidationError(_("Scegli il file da caricare."), code="required")
    name = PurePosixPath(str(upload.name or "")).name.strip()[:NAME_MAX] or "file"
    extension = PurePosixPath(name).suffix.lower()
    if upload.size == 0:
        raise ValidationError(_("Il file è vuoto."), code="empty")
    try:
        validate_upload(upload, allowed=FILE_MIME_TYPES, max_bytes=FILE_MAX_BYTES)
    except ValidationError as error:
        if error.code != "file_type":
            raise
        mime = _text_mime(upload, extension)
        if mime is None:
            raise ValidationError(
                _(
                    "Il contenuto del file non è di un tipo ammesso: carica un PDF, un "
                    "documento, un foglio di calcolo o una presentazione (Office o "
                    "OpenDocument), un'immagine, un CSV o un testo."
                ),
                code="file_type",
            ) from error
        return mime, name
    import filetype

    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    return (kind.mime if kind else "application/octet-stream"), name


def _check_upload_into(errors: dict[str, list[str]], upload: UploadedFile | None) -> None:
    try:
        check_upload(upload)
    except ValidationError as error:
        errors.setdefault("upload", []).extend(error.messages)


def _store(
    shared_file: SharedFile, number: int, upload: UploadedFile, actor: Any, note: str
) -> FileVersion:
    mime, name = check_upload(upload)
    upload.seek(0)
    version = FileVersion(
        shared_file=shared_file,
        number=number,
        original_name=name,
        size=upload.size or 0,
        mime=mime,
        note=note,
        uploaded_by=actor,
    )
    # The storage name is random (models._file_path); the original stays in the row.
    version.file.save("upload", ContentFile(upload.read()), save=False)
    try:
        version.save()
    except BaseException:
        _discard(version)
        raise
    return version


def _discard(version: FileVersion | None) -> None:
    """Remove a stored file whose transaction rolled back (Django has no rollback hook,
    so the service's ``except`` calls this)."""
    name = version.file.name if version is not None else None
    if version is not None and name:
        version.file.storage.delete(name)


def _delete_on_commit(files: Iterable[tuple[Any, str | None]]) -> None:
    for storage, name in files:
        if name:
            transaction.on_commit(partial(storage.delete, name))


# --- shared files ---------------------------------------------------------------------------


def file_upload(
    *,
    area: Area,
    actor: Any,
    upload: UploadedFile | None,
    title: str,
    description: str = "",
    note: str = "",
) -> SharedFile:
    """A new shared file in ``area`` with its first version."""
    _require(actor, "communities.upload_file", area)
    title = _clean_text(title, one_line=True)
    description = _clean_text(description)
    note = _clean_text(note, one_line=True)
    errors: dict[str, list[str]] = {}
    if not title:
        errors.setdefault("title", []).append(_("Scrivi il titolo del file."))
    _check_length(errors, "title", title, TITLE_MAX)
    _check_length(errors, "description", description, DESCRIPTION_MAX)
    _check_length(errors, "note", note, NOTE_MAX)
    _check_upload_into(errors, upload)
    _raise(errors)
    assert upload is not None
    version: FileVersion | None = None
    try:
        with transaction.atomic():
            # A double submit (same person, area, title and size a moment ago) returns
            # the file already saved.
            Area.objects.select_for_update().filter(pk=area.pk).first()
            twin = SharedFile.objects.filter(
                area=area,
                uploaded_by=actor,
                title=title,
                created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
                versions__number=1,
                versions__size=upload.size or 0,
            ).first()
            if twin is not None:
                return twin
            state = _screen(actor, f"{title}\n{description}\n{note}")
            now = timezone.now()
            shared_file = SharedFile.objects.create(
                area=area,
                title=title,
                description=description,
                uploaded_by=actor,
                moderation_state=state,
                versions_count=1,
                created_at=now,
                updated_at=now,
            )
            version = _store(shared_file, 1, upload, actor, note)
            if state == ContentState.VISIBLE:
                _touch_area(area)
            _log(shared_file, "file_upload", actor, area=area.pk, title=title)
    except BaseException:
        _discard(version)
        raise
    return shared_file


def file_version_add(
    *, shared_file: SharedFile, actor: Any, upload: UploadedFile | None, note: str = ""
) -> FileVersion:
    """A new current version of ``shared_file``; the older ones stay downloadable."""
    _require(actor, "communities.add_file_version", shared_file)
    note = _clean_text(note, one_line=True)
    errors: dict[str, list[str]] = {}
    _check_length(errors, "note", note, NOTE_MAX)
    _check_upload_into(errors, upload)
    _raise(errors)
    assert upload is not None
    version: FileVersion | None = None
    try:
        with transaction.atomic():
            locked = SharedFile.objects.select_for_update().get(pk=shared_file.pk)
            number = locked.versions_count + 1
            version = _store(locked, number, upload, actor, note)
            SharedFile.objects.filter(pk=locked.pk).update(
                versions_count=F("versions_count") + 1, updated_at=version.created_at
            )
            if locked.moderation_state == ContentState.VISIBLE:
                _touch_area(locked.area)
            _log(locked, "file_version", actor, number=number)
    except BaseException:
        _discard(version)
        raise
    shared_file.refresh_from_db(fields=["versions_count", "updated_at"])
    return version


def file_delete(*, shared_file: SharedFile, actor: Any) -> None:
    """Delete the file with all its versions (its uploader or the area's facilitators);
    the stored files go when the transaction commits."""
    _require(actor, "communities.delete_file", shared_file)
    with transaction.atomic():
        stored = [
            (version.file.storage, version.file.name)
            for version in FileVersion.objects.filter(shared_file=shared_file).only("file")
        ]
        _log(shared_file.area, "file_delete", actor, title=shared_file.title, file=shared_file.pk)
        shared_file.delete()
        _delete_on_commit(stored)


# --- project spaces ------------------------------------------------------------------------


def _unique_slug(area: Area, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "progetto"
    taken = set(
        ProjectSpace.objects.filter(area=area, slug__startswith=base).values_list("slug", flat=True)
    ) | set(RESERVED_SLUGS)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _amount(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    text = str(value or "").strip().replace("€", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _budget(errors: dict[str, list[str]], rows: Sequence[Mapping[str, Any]]) -> list[BudgetLine]:
    lines = []
    for number, row in enumerate(rows, start=1):
        item = _clean_text(row.get("item"), one_line=True)
        funder = _clean_text(row.get("funder"), one_line=True)
        raw = row.get("amount")
        if not item and not funder and raw in (None, ""):
            continue
        amount = _amount(raw)
        problems = []
        if not item:
            problems.append(_("scrivi la voce"))
        elif len(item) > 200:
            problems.append(_("la voce è troppo lunga (al massimo 200 caratteri)"))
        if len(funder) > 200:
            problems.append(_("il finanziatore è troppo lungo (al massimo 200 caratteri)"))
        if amount is None or not amount.is_finite():
            problems.append(_("scrivi l'importo in euro, per esempio 1.250,50"))
        elif amount < 0 or amount > AMOUNT_MAX or amount != amount.quantize(Decimal("0.01")):
            problems.append(_("l'importo deve essere positivo, con al massimo due decimali"))
        if problems:
            errors.setdefault("budget", []).append(
                _("Voce %(number)d: %(problems)s.")
                % {"number": number, "problems": "; ".join(problems)}
            )
            continue
        lines.append(BudgetLine(item=item, amount=amount, funder=funder))
    if len(lines) > BUDGET_LINES_MAX:
        errors.setdefault("budget", []).append(
            _("Al massimo %(count)d voci di budget.") % {"count": BUDGET_LINES_MAX}
        )
    return lines


def _project_values(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[BudgetLine] | None]:
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    if "title" in data:
        values["title"] = _clean_text(data["title"], one_line=True)
        if not values["title"]:
            errors.setdefault("title", []).append(_("Scrivi il titolo del progetto."))
        _check_length(errors, "title", values["title"], TITLE_MAX)
    if "summary" in data:
        values["summary"] = _clean_text(data["summary"])
        _check_length(errors, "summary", values["summary"], SUMMARY_MAX)
    for name in TEXT_SECTIONS:
        if name in data:
            values[name] = _clean_text(data[name])
            _check_length(errors, name, values[name], SECTION_MAX)
    if "status" in data:
        values["status"] = data["status"] or ProjectStatus.DRAFT
        if values["status"] not in ProjectStatus.values:
            errors.setdefault("status", []).append(_("Scegli uno stato dall'elenco."))
    lines = _budget(errors, data["budget"]) if "budget" in data else None
    _raise(errors)
    return values, lines


def _area_followers_text(project: ProjectSpace) -> Any:
    def text(language: str) -> str:
        with translation.override(language):
            return _("Nuovo progetto in «%(area)s»: %(title)s") % {
                "area": project.area.tr_name,
                "title": project.title,
            }

    return text


def project_create(*, area: Area, actor: Any, data: Mapping[str, Any]) -> ProjectSpace:
    """A new project space from ``data`` (``title`` required; ``summary``,
    ``objectives``, ``partners``, ``next_steps``, ``status``, ``budget``: rows of
    ``item``, ``amount``, ``funder``). The area's followers are told."""
    _require(actor, "communities.create_project", area)
    if not _clean_text(data.get("title")):
        raise ValidationError({"title": _("Scrivi il titolo del progetto.")})
    values, lines = _project_values(data)
    with transaction.atomic():
        Area.objects.select_for_update().filter(pk=area.pk).first()
        now = timezone.now()
        twin = ProjectSpace.objects.filter(
            area=area,
            created_by=actor,
            title=values["title"],
            created_at__gte=now - DOUBLE_SUBMIT_WINDOW,
        ).first()
        if twin is not None:
            # The same form sent twice (double click, retry): one project.
            return twin
        project = ProjectSpace(
            area=area, created_by=actor, updated_by=actor, created_at=now, updated_at=now, **values
        )
        project.budget_lines = lines or []
        for attempt in range(3):
            project.slug = _unique_slug(area, values["title"])
            try:
                with transaction.atomic():
                    project.save()
                break
            except IntegrityError:
                if attempt == 2:
                    raise
        project.save_revision(user=actor, clean=False)
        _touch_area(area)
        _log(project, "project_create", actor, area=area.pk)
        transaction.on_commit(partial(_announce_project, project.pk, actor.pk))
    return project


def _announce_project(project_pk: int, actor_pk: int) -> None:
    from civichub.notifications.services import notify_followers

    project = ProjectSpace.objects.select_related("area", "created_by").get(pk=project_pk)
    notify_followers(
        target=project.area,
        kind="areas",
        text=_area_followers_text(project),
        url=project.get_absolute_url(),
        actor=project.created_by,
        group_key=f"area:{project.area_id}",
    )


def project_update(
    *,
    project: ProjectSpace,
    actor: Any,
    data: Mapping[str, Any],
    base_revision_id: int | None,
) -> ProjectSpace:
    """Save the changes in ``data`` (keys left out stay as they are; ``budget``
    replaces every line) as a new revision. ``base_revision_id`` is the latest revision
    when the editor opened the form: if someone saved since, nothing is saved and a
    ``ValidationError`` explains why."""
    _require(actor, "communities.edit_project", project)
    values, lines = _project_values(data)
    with transaction.atomic():
        locked = ProjectSpace.objects.select_for_update().get(pk=project.pk)
        if locked.latest_revision_id != base_revision_id:
            if _same_content(locked, values, lines) and locked.updated_by_id == actor.pk:
                # The same save sent twice: the first one already did it.
                return locked
            raise ValidationError(STALE_MESSAGE, code="stale")
        for name, value in values.items():
            setattr(locked, name, value)
        if lines is not None:
            locked.budget_lines = lines
        locked.updated_at = timezone.now()
        locked.updated_by = actor
        # A ClusterableModel saves its child rows (the budget lines) with the parent.
        locked.save()
        locked.save_revision(user=actor, clean=False)
        _touch_area(locked.area)
        _log(
            locked,
            "project_update",
            actor,
            fields=sorted(values) + (["budget"] if lines is not None else []),
        )
    return locked


def _same_content(
    project: ProjectSpace, values: Mapping[str, Any], lines: list[BudgetLine] | None
) -> bool:
    if any(getattr(project, name) != value for name, value in values.items()):
        return False
    if lines is None:
        return True
    current = [(line.item, line.amount, line.funder) for line in project.budget_lines.all()]
    return current == [(line.item, line.amount, line.funder) for line in lines]


def project_comment_create(
    *, project: ProjectSpace, actor: Any, body: str, section: str = ""
) -> ProjectComment:
    """A member's comment on the project or one of its sections; screened by
    moderation (it may be held for review)."""
    _require(actor, "communities.comment_project", project)
    body = _clean_text(body)
    errors: dict[str, list[str]] = {}
    if not body:
        errors.setdefault("body", []).append(_("Scrivi il commento."))
    _check_length(errors, "body", body, COMMENT_MAX)
    if section and section not in SECTIONS:
        errors.setdefault("section", []).append(_("Scegli una sezione del progetto."))
    _raise(errors)
    with transaction.atomic():
        twin = ProjectComment.objects.filter(
            project=project,
            author=actor,
            section=section,
            body=body,
            created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
        ).first()
        if twin is not None:
            return twin
        state = _screen(actor, body)
        comment = ProjectComment.objects.create(
            project=project, author=actor, section=section, body=body, moderation_state=state
        )
        if state == ContentState.VISIBLE:
            _touch_area(project.area)
        _log(project, "project_comment", actor, comment=comment.pk, section=section)
    return comment


def budget_total(lines: Iterable[BudgetLine]) -> Decimal:
    return sum((line.amount for line in lines), Decimal("0"))


# --- registrations ---------------------------------------------------------------------------


def _can_view(user: Any, obj: Any, area: Area) -> bool:
    return obj.moderation_state == ContentState.VISIBLE and bool(
        can(user, "communities.view_area", area)
    )


def register_workspace() -> None:
    """Called by ``CommunitiesConfig.ready()``: shared files and project comments are
    moderated like posts (scope: their area)."""
    from civichub.moderation.registry import register_moderatable

    register_moderatable(
        SharedFile,
        author=lambda f: f.uploaded_by,
        author_id=lambda f: f.uploaded_by_id,
        title=lambda f: f.title,
        url=lambda f: reverse("communities:file", kwargs={"area": f.area.slug, "pk": f.pk}),
        scope=lambda f: f"area:{f.area_id}",
        visible=lambda user, f: _can_view(user, f, f.area),
        select_related=("area", "uploaded_by"),
    )
    register_moderatable(
        ProjectComment,
        author=lambda c: c.author,
        author_id=lambda c: c.author_id,
        title=lambda c: _("Commento a «%(title)s»") % {"title": c.project.title},
        url=lambda c: c.project.get_absolute_url() + f"#commenti-{c.section or 'progetto'}",
        scope=lambda c: f"area:{c.project.area_id}",
        visible=lambda user, c: _can_view(user, c, c.project.area),
        select_related=("project__area", "author"),
    )
