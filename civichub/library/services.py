"""Writes of the library that happen outside Wagtail's editor: the index's moderation
set-up, proposals from the site and what the workflow tells people.

Publishing itself is Wagtail's (page permissions, the «Revisione Strumenti» workflow,
scheduled go-live). A proposal is a draft page of the chosen kind under the index,
submitted to that workflow; the receivers in ``signals.py`` call the ``proposal_*``
functions below when reviewers decide.
"""

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlsplit

import filetype
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from civichub.accounts.mail import absolute_url
from civichub.accounts.models import PROMOTERS_GROUP, User
from civichub.accounts.notifications import notify
from civichub.accounts.selectors import promoters_to_notify
from civichub.core.audit import log_action
from civichub.core.html import sanitise_html
from civichub.core.mail import send_templated_mail
from civichub.core.validators import DOCUMENT_MIME_TYPES, validate_upload
from civichub.experiences.models import Experience, Licence
from civichub.experiences.models import State as ExperienceState
from civichub.organisations.models import Membership, Organisation
from civichub.taxonomy.models import AUDIENCES, ParticipatoryMethod, Theme

from .models import (
    RESERVED_SLUGS,
    SUMMARY_MAX_LENGTH,
    CaseStudyPage,
    DocumentPage,
    GuidePage,
    Language,
    Level,
    LibraryIndexPage,
    MethodSheetPage,
    Phase,
    ResourceFile,
    ResourceKind,
    ResourcePage,
    ToolkitPage,
    WebinarPage,
)
from .permissions import can
from .selectors import library_index

LOG_PREFIX = "civichub.library."

# The moderation set-up of the index (docs/architecture.md, "Publishing").
WORKFLOW_NAME = "Revisione Strumenti"
TASK_NAME = "Approvazione della redazione"
MODERATORS_GROUP = "Moderators"  # Wagtail's own group, when the hub kept it
INDEX_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page")
# What promoters need to fill in a resource in the editor: pick or upload its files
# and its cover. Wagtail checks these on the root collection.
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
)

# Proposals from the site.
PROPOSABLE_KINDS = (
    ResourceKind.GUIDE,
    ResourceKind.DOCUMENT,
    ResourceKind.TOOLKIT,
    ResourceKind.METHOD,
    ResourceKind.CASE_STUDY,
    ResourceKind.WEBINAR,
)  # podcast episodes need a series, an audio file and a feed: editors only
PROPOSALS_PER_DAY = 10
FILE_MAX_BYTES = 20 * 1024 * 1024
TOOLKIT_MIME_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}
# The extension stored with each file, from its sniffed type (never the sender's name).
EXTENSIONS = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
TITLE_MAX_LENGTH = 255
TEXT_MAX_LENGTH = 50_000
SHORT_TEXT_MAX_LENGTH = 4_000
MAX_STEPS = 30
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


# --- the index ---------------------------------------------------------------------------


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def library_index_setup(*, index: LibraryIndexPage) -> Workflow:
    """Give the index its moderation workflow and the promoters' permissions on it.

    Idempotent: what exists is kept (an editor may have added groups to the task or
    deactivated the workflow), what is missing is added."""
    with transaction.atomic():
        promoters, _created = Group.objects.get_or_create(name=PROMOTERS_GROUP)
        reviewers = [*Group.objects.filter(name=MODERATORS_GROUP), promoters]
        workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        task, _created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
        task.groups.add(*reviewers)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
        for codename in INDEX_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=promoters, page=index, permission=_permission("wagtailcore", codename)
            )
        root = Collection.get_first_root_node()
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=promoters, collection=root, permission=_permission(app_label, codename)
            )
    return workflow


# --- proposals ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Upload:
    content: bytes
    extension: str
    name: str


class _Errors:
    """Every problem by field, so that the proposer sees them all at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(
                {
                    field: [ValidationError(m) for m in messages]
                    for field, messages in self.by_field.items()
                }
            )


def _text(data: Mapping[str, Any], name: str) -> str:
    return str(data.get(name) or "").replace("\r\n", "\n").strip()


def _required_text(
    errors: _Errors, data: Mapping[str, Any], name: str, limit: int, missing: str
) -> str:
    value = _text(data, name)
    if not value:
        errors.add(name, missing)
    elif len(value) > limit:
        errors.add(
            name,
            _("Al massimo %(limit)d caratteri (ne hai scritti %(count)d).")
            % {"limit": limit, "count": len(value)},
        )
    return value


def _optional_text(errors: _Errors, data: Mapping[str, Any], name: str, limit: int) -> str:
    value = _text(data, name)
    if len(value) > limit:
        errors.add(
            name,
            _("Al massimo %(limit)d caratteri (ne hai scritti %(count)d).")
            % {"limit": limit, "count": len(value)},
        )
    return value


def paragraphs(value: str) -> list[str]:
    """Plain text as a list of safe ``<p>`` blocks: a blank line starts a new paragraph,
    a single newline is a line break. Markup typed by the proposer is shown as text."""
    value = value.replace("\r\n", "\n").strip()
    if not value:
        return []
    blocks = [block.strip() for block in re.split(r"\n\s*\n", value) if block.strip()]
    return [sanitise_html(linebreaks(block, autoescape=True)).strip() for block in blocks]


def rich_text(value: str) -> str:
    return "".join(paragraphs(value))


def _sniffed_upload(
    errors: _Errors, field: str, upload: UploadedFile | None, allowed: set[str], missing: str
) -> _Upload | None:
    if upload is None:
        errors.add(field, missing)
        return None
    try:
        validate_upload(upload, allowed=allowed, max_bytes=FILE_MAX_BYTES)
    except ValidationError as error:
        for message in error.messages:
            errors.add(field, message)
        return None
    upload.seek(0)
    content = upload.read()
    kind = filetype.guess(content[:8192])
    extension = EXTENSIONS.get(kind.mime if kind else "", "bin")
    name = PurePosixPath(str(upload.name or "")).name[:160] or f"file.{extension}"
    return _Upload(content=content, extension=extension, name=name)


def video_url_is_supported(url: str) -> bool:
    """A YouTube or Vimeo address that names one video: the only players the page
    embeds (privacy-enhanced, loaded on click) and the CSP allows."""
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        return False
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segments = [segment for segment in parts.path.split("/") if segment]
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = segments[0] if segments else ""
        elif segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            candidate = segments[1]
        else:
            candidate = ""
        return bool(_YOUTUBE_ID.match(candidate))
    if host in VIMEO_HOSTS:
        return any(segment.isdigit() for segment in segments)
    return False


def _steps(errors: _Errors, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One step per line; «Titolo: come si svolge» splits title and description."""
    lines = [line.strip() for line in _text(data, "steps").split("\n") if line.strip()]
    if not lines:
        errors.add("steps", _("Scrivi almeno un passo, uno per riga."))
        return []
    if len(lines) > MAX_STEPS:
        errors.add("steps", _("Al massimo %(count)d passi.") % {"count": MAX_STEPS})
        return []
    steps = []
    for number, line in enumerate(lines, start=1):
        title, separator, text = line.partition(":")
        if not separator or not title.strip() or not text.strip() or len(title) > 160:
            title, text = _("Passo %(number)d") % {"number": number}, line
        steps.append(
            {
                "type": "step",
                "value": {"title": title.strip(), "text": text.strip(), "duration": ""},
            }
        )
    return steps


def _instances(items: Iterable[Any] | None, model: type[Model]) -> list[Any]:
    seen: dict[Any, Any] = {}
    for item in items or ():
        if not isinstance(item, model):
            raise TypeError(f"expected {model.__name__}, got {type(item).__name__}")
        seen.setdefault(item.pk, item)
    return list(seen.values())


def proposal_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations a proposal may be credited to: those the person actively
    belongs to."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
            "organisation"
        )
    ).order_by("name")


def resource_proposal_validate(*, actor: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    """The proposal as the values of the page to create; ValidationError by field."""
    errors = _Errors()
    kind = str(data.get("kind") or "")
    if kind not in PROPOSABLE_KINDS:
        errors.add("kind", _("Scegli il tipo di strumento."))
    values: dict[str, Any] = {
        "kind": kind,
        "title": _required_text(
            errors, data, "title", TITLE_MAX_LENGTH, _("Scrivi il titolo dello strumento.")
        ),
        # Summaries are one paragraph: line breaks count as one space.
        "summary": _required_text(
            errors,
            {"summary": " ".join(_text(data, "summary").split())},
            "summary",
            SUMMARY_MAX_LENGTH,
            _("Scrivi il sommario: una o due frasi."),
        ),
        "authors": _optional_text(errors, data, "authors", 255),
        "themes": _instances(data.get("themes"), Theme),
        "methods": _instances(data.get("methods"), ParticipatoryMethod),
    }
    for name, choices, message in (
        ("phase", [*Phase.values, ""], _("Scegli una fase dell'elenco.")),
        ("level", Level.values, _("Scegli un livello dell'elenco.")),
        ("language", Language.values, _("Scegli una lingua dell'elenco.")),
        ("licence", Licence.values, _("Scegli una licenza dell'elenco.")),
    ):
        values[name] = str(data.get(name) or "")
        if values[name] not in choices:
            errors.add(name, message)
    audiences = set(data.get("audiences") or ())
    if audiences - set(AUDIENCES):
        errors.add("audiences", _("Scegli i destinatari dall'elenco."))
    for slug, (field, _label) in AUDIENCES.items():
        values[field] = slug in audiences

    organisation = data.get("organisation")
    if organisation is not None and not (
        isinstance(organisation, Organisation)
        and proposal_organisations(actor).filter(pk=organisation.pk).exists()
    ):
        errors.add("organisation", _("Puoi indicare solo un'organizzazione di cui fai parte."))
    values["organisation"] = organisation

    if kind == ResourceKind.GUIDE:
        values["body"] = [
            {"type": "paragraph", "value": block}
            for block in paragraphs(
                _required_text(
                    errors, data, "text", TEXT_MAX_LENGTH, _("Scrivi il testo della guida.")
                )
            )
        ]
    elif kind == ResourceKind.DOCUMENT:
        values["description"] = rich_text(_optional_text(errors, data, "text", TEXT_MAX_LENGTH))
        values["upload"] = _sniffed_upload(
            errors, "file", data.get("file"), DOCUMENT_MIME_TYPES, _("Carica il documento PDF.")
        )
    elif kind == ResourceKind.TOOLKIT:
        values["instructions"] = rich_text(
            _required_text(
                errors, data, "text", TEXT_MAX_LENGTH, _("Spiega come usare il materiale.")
            )
        )
        values["upload"] = _sniffed_upload(
            errors, "file", data.get("file"), TOOLKIT_MIME_TYPES, _("Carica il file del kit.")
        )
    elif kind == ResourceKind.WEBINAR:
        values["description"] = rich_text(_optional_text(errors, data, "text", TEXT_MAX_LENGTH))
        video_url = _text(data, "video_url")
        if not video_url:
            errors.add("video_url", _("Indica l'indirizzo del video su YouTube o Vimeo."))
        elif not video_url_is_supported(video_url):
            errors.add(
                "video_url",
                _("Sono ammessi solo video di YouTube o Vimeo: copia l'indirizzo del video."),
            )
        values["video_url"] = video_url
    elif kind == ResourceKind.METHOD:
        method = data.get("method")
        if not isinstance(method, ParticipatoryMethod):
            errors.add("method", _("Scegli il metodo descritto dalla scheda."))
        values["method"] = method
        values["when_to_use"] = _required_text(
            errors, data, "when_to_use", SHORT_TEXT_MAX_LENGTH, _("Spiega quando usarlo.")
        )
        values["steps"] = _steps(errors, data)
        values["duration"] = _required_text(
            errors, data, "duration", 120, _("Indica il tempo necessario.")
        )
        values["roles"] = _required_text(
            errors, data, "roles", SHORT_TEXT_MAX_LENGTH, _("Indica chi serve.")
        )
        values["risks"] = _required_text(
            errors, data, "risks", SHORT_TEXT_MAX_LENGTH, _("Indica i rischi e come prevenirli.")
        )
    elif kind == ResourceKind.CASE_STUDY:
        experience = data.get("experience")
        if not isinstance(experience, Experience):
            errors.add("experience", _("Indica l'esperienza del catalogo da cui nasce il caso."))
        elif experience.state != ExperienceState.PUBLISHED:
            errors.add("experience", _("Scegli un'esperienza pubblicata."))
        values["experience"] = experience
        for name, missing in (
            ("context", _("Descrivi il contesto.")),
            ("approach", _("Descrivi l'approccio.")),
            ("results", _("Descrivi i risultati.")),
            ("lessons", _("Racconta cosa insegna.")),
        ):
            values[name] = rich_text(
                _required_text(errors, data, name, SHORT_TEXT_MAX_LENGTH, missing)
            )
    errors.raise_if_any()
    return values


PAGE_MODELS: dict[str, type[ResourcePage]] = {
    ResourceKind.GUIDE: GuidePage,
    ResourceKind.DOCUMENT: DocumentPage,
    ResourceKind.TOOLKIT: ToolkitPage,
    ResourceKind.METHOD: MethodSheetPage,
    ResourceKind.CASE_STUDY: CaseStudyPage,
    ResourceKind.WEBINAR: WebinarPage,
}


def _unique_slug(index: LibraryIndexPage, title: str) -> str:
    base = slugify(title)[:200].strip("-") or "strumento"
    taken = (
        set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
        | RESERVED_SLUGS
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _store(upload: _Upload, title: str, actor: User, stored: list[Document]) -> Document:
    """A Wagtail document under a random name: /documenti/ URLs carry the file name,
    so a draft's file cannot be found by guessing its id."""
    document = Document(
        title=title[:255],
        file=ContentFile(upload.content, name=f"{uuid.uuid4().hex}.{upload.extension}"),
        uploaded_by_user=actor,
    )
    document._set_document_file_metadata()
    document.save()
    stored.append(document)
    return document


def _proposals_today(actor: User) -> int:
    return PageLogEntry.objects.filter(
        action=LOG_PREFIX + "propose",
        user=actor,
        timestamp__gte=timezone.now() - timedelta(days=1),
    ).count()


def _log(resource: ResourcePage, action: str, actor: Any, **data: Any) -> None:
    log_action(
        instance=resource,
        action=LOG_PREFIX + action,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def resource_propose(*, actor: User, data: Mapping[str, Any]) -> ResourcePage:
    """A draft page of the chosen kind under the index, proposed by ``actor`` and sent
    to the index's workflow. One transaction: on any error nothing is kept, files
    included."""
    if not can(actor, "propose_resource"):
        raise PermissionDenied
    values = resource_proposal_validate(actor=actor, data=data)
    index = library_index()
    if index is None:
        raise ValidationError(
            _("La biblioteca degli strumenti non è ancora aperta: riprova più tardi."),
            code="no_index",
        )
    kind = values.pop("kind")
    upload: _Upload | None = values.pop("upload", None)
    themes, methods = values.pop("themes"), values.pop("methods")
    stored: list[Document] = []
    try:
        with transaction.atomic():
            # One proposal at a time per person, so that the daily limit holds.
            User.objects.select_for_update().only("pk").get(pk=actor.pk)
            if _proposals_today(actor) >= PROPOSALS_PER_DAY:
                raise ValidationError(
                    _(
                        "Hai già proposto %(count)d strumenti nelle ultime 24 ore, il massimo "
                        "consentito: potrai proporne altri domani."
                    )
                    % {"count": PROPOSALS_PER_DAY},
                    code="rate_limit",
                )
            model = PAGE_MODELS[kind]
            page = model(
                **values,
                slug=_unique_slug(index, values["title"]),
                live=False,
                owner=actor,
                proposed_by=actor,
            )
            page.themes = themes
            page.methods = methods
            if upload is not None:
                document = _store(upload, values["title"], actor, stored)
                if kind == ResourceKind.DOCUMENT:
                    page.document = document
                else:
                    page.files = [ResourceFile(document=document, title=upload.name)]
            index.add_child(instance=page)
            page.save_revision(user=actor)
            _log(page, "propose", actor, kind=kind)
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, actor)
            else:  # workflows switched off: the promoters still hear of it
                proposal_notify_submitted(resource=page, actor=actor)
    except Exception:
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise
    return page


# --- what the workflow tells people --------------------------------------------------------


def proposal_of(workflow_state: WorkflowState) -> ResourcePage | None:
    """The resource a workflow runs on, when it was proposed from the site."""
    model = ContentType.objects.get_for_id(workflow_state.content_type_id).model_class()
    if model is None or not issubclass(model, ResourcePage):
        return None
    return (
        ResourcePage.objects.select_related("proposed_by")
        .filter(pk=int(workflow_state.object_id), proposed_by__isnull=False)
        .first()
    )


def _page_url(resource: ResourcePage) -> str:
    parts = resource.get_url_parts()
    return absolute_url(parts[2]) if parts else ""


def _context(resource: ResourcePage, **extra: Any) -> dict[str, Any]:
    return {
        "resource": resource,
        "kind_label": ResourceKind(resource.kind).label if resource.kind else "",
        "mine_url": absolute_url(reverse("library:mine")),
        "review_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[resource.pk])),
        **extra,
    }


def _mail_proposer(resource: ResourcePage, template: str, context: dict[str, Any]) -> None:
    proposer = resource.proposed_by
    if proposer is None or not proposer.is_active or proposer.erased_at or not proposer.email:
        return
    send_templated_mail(
        to=[proposer.email],
        template=f"library/email/{template}",
        context={**context, "recipient": proposer},
        language=proposer.language,
    )


def proposal_notify_submitted(*, resource: ResourcePage, actor: Any) -> None:
    """Tell the promoters (notification kind ``moderation``) that a proposal waits."""
    context = _context(resource, actor=actor, proposer=resource.proposed_by)
    for promoter in promoters_to_notify():
        if promoter.pk == getattr(actor, "pk", None):
            continue
        notify(
            user=promoter,
            kind="moderation",
            template="library/email/proposal_submitted",
            context=context,
        )


def proposal_notify_approved(*, resource: ResourcePage, comment: str = "") -> None:
    """The proposer hears that the resource is published (or scheduled), with its link.
    Wagtail's own log already records the decision (``wagtail.workflow.approve``)."""
    _mail_proposer(
        resource,
        "proposal_approved",
        _context(
            resource,
            comment=comment,
            live=resource.live,
            go_live_at=resource.go_live_at,
            resource_url=_page_url(resource) if resource.live else "",
        ),
    )


def proposal_notify_changes_requested(*, resource: ResourcePage, comment: str) -> None:
    """The proposer hears what the reviewers ask (logged by Wagtail as
    ``wagtail.workflow.reject``); editors make the changes in the back office, since
    proposals are not edited on the site."""
    _mail_proposer(resource, "proposal_changes_requested", _context(resource, comment=comment))
