"""Writes of experiences. Every change goes through a function here (DESIGN.md).

Each service checks the permission, validates everything before writing anything,
saves with ``update_fields``, keeps a Wagtail revision of the result (the back office
lists and compares them), writes the audit log and sends its e-mails once the
transaction commits. Workflow steps lock the row and re-check the state, so a double
click or two reviewers at once cannot apply a step twice.
"""

import io
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from civichub.accounts.models import User
from civichub.accounts.notifications import notify
from civichub.accounts.selectors import promoters_to_notify
from civichub.core.audit import log_action
from civichub.core.html import sanitise_html
from civichub.core.mail import send_templated_mail
from civichub.core.validators import DOCUMENT_MIME_TYPES, validate_image, validate_upload
from civichub.notifications.selectors import followers as followers_of
from civichub.notifications.services import notify_followers
from civichub.organisations.models import Membership, Organisation
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup, Theme
from civichub.territories.models import Municipality, Province, Region, Scale

from .completeness import experience_completeness
from .models import (
    SUMMARY_MAX_LENGTH,
    BudgetBand,
    Experience,
    ExperienceCoauthor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    ExperienceOrganisation,
    ExperienceReview,
    ExperienceSettings,
    Licence,
    OrganisationRole,
    Recruitment,
    ReviewAction,
    State,
    Status,
    Testimonial,
)
from .permissions import can

# Paths of urls.py that a slug must never take.
RESERVED_SLUGS = frozenset({"mappa", "nuova", "mie", "seguite", "revisione", "esporta"})
LOG_PREFIX = "civichub.experiences."

IMAGE_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_SIDE = 2400
MAX_ROWS = 30
MAX_MUNICIPALITIES = 100
RICH_TEXT_MAX_LENGTH = 50_000
TEXT_MAX_LENGTH = 10_000
PARTICIPANTS_MAX = 100_000_000

RICH_TEXT_FIELDS = ("narrative", "outcomes", "lessons")
TERRITORY_FIELDS = ("municipalities", "province", "region", "latitude", "longitude")
M2M_FIELDS = ("municipalities", "themes", "methods", "target_groups")
FOREIGN_KEYS = ("province", "region", "iap2_level")
CHILD_FIELDS = ("organisations", "testimonials", "images", "documents", "links")
# Everything experience_update accepts; a key left out of ``data`` is left unchanged.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "summary",
        "scale",
        "status",
        "start_date",
        "end_date",
        *TERRITORY_FIELDS,
        "themes",
        "methods",
        "iap2_level",
        "target_groups",
        "participants_count",
        "recruitment",
        "recruitment_notes",
        "budget_band",
        "funding_sources",
        *RICH_TEXT_FIELDS,
        "evidence",
        "has_evaluation",
        "evaluation_report",
        "remove_evaluation_report",
        "replicability",
        *CHILD_FIELDS,
        "contact_name",
        "contact_email",
        "website",
        "licence",
    }
)
ESSENTIAL_FIELDS = ("title", "summary", "scale", "status", "start_date", "end_date")

# Something that looks like an HTML tag: the author wrote markup rather than plain text.
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


# --- rows of the child records ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OrganisationRow:
    organisation: Organisation
    role: str


@dataclass(frozen=True, kw_only=True)
class TestimonialRow:
    quote: str
    person_name: str
    role: str = ""
    organisation_name: str = ""


@dataclass(frozen=True, kw_only=True)
class ImageRow:
    """An image kept (``pk``) or added (``upload``); the list replaces the current one."""

    pk: int | None = None
    upload: UploadedFile | None = None
    alt_text: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentRow:
    pk: int | None = None
    upload: UploadedFile | None = None
    title: str


@dataclass(frozen=True, kw_only=True)
class LinkRow:
    title: str
    url: str
    kind: str = ExperienceLink.Kind.LINK


# --- helpers ------------------------------------------------------------------------------


def rich_text(value: str) -> str:
    """Author input as safe HTML. Plain text becomes paragraphs (a blank line starts a
    new one, a single newline is a line break); text with markup keeps its basic HTML.
    Either way the result is sanitised."""
    value = (value or "").replace("\r\n", "\n").strip()
    if not value:
        return ""
    if not _TAG.search(value):
        value = linebreaks(value, autoescape=True)
    return sanitise_html(value).strip()


def _require(actor: Any, permission: str, experience: Experience | None = None) -> None:
    if not can(actor, permission, experience):
        raise PermissionDenied


def _log(experience: Experience, action: str, actor: Any, **data: Any) -> None:
    log_action(
        instance=experience,
        action=LOG_PREFIX + action,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _context(experience: Experience, **extra: Any) -> dict[str, Any]:
    slug = {"slug": experience.slug}
    return {
        "experience": experience,
        "experience_url": _absolute(reverse("experiences:detail", kwargs=slug)),
        "edit_url": _absolute(reverse("experiences:edit", kwargs=slug)),
        "review_url": _absolute(reverse("experiences:review", kwargs=slug)),
        "mine_url": _absolute(reverse("experiences:mine")),
        **extra,
    }


def _notify(recipients: Iterable[User], template: str, context: dict[str, Any]) -> None:
    """One message per person (addresses are not shared), in each person's language."""
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or not user.email or not user.is_active or user.erased_at:
            continue
        seen.add(user.pk)
        send_templated_mail(
            to=[user.email],
            template=f"experiences/email/{template}",
            context={**context, "recipient": user},
            language=user.language,
        )


def _tell_followers(experience: Experience, actor: User, *, published: bool) -> None:
    """Followers hear (notification kind ``follows``) that the experience was published
    again or updated; the updates of one experience fold into one unread line."""
    title = experience.title

    def text(language: str) -> str:
        if published:
            return _("«%(title)s» è stata pubblicata.") % {"title": title}
        return _("«%(title)s» è stata aggiornata.") % {"title": title}

    notify_followers(
        target=experience,
        kind="follows",
        text=text,
        url=experience.get_absolute_url(),
        actor=actor,
        group_key=f"experience:{experience.pk}",
    )


def _editors(experience: Experience) -> list[User]:
    """The author and the co-authors who accepted: the people told of each decision."""
    people = list(
        User.objects.filter(
            coauthored_experiences__experience=experience,
            coauthored_experiences__accepted_at__isnull=False,
        ).order_by("pk")
    )
    if experience.author_id is not None:
        people.insert(0, User.objects.get(pk=experience.author_id))
    return people


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200].strip("-") or "esperienza"
    # Slugs hold only letters, digits, "-" and "_": no regex character to escape.
    siblings = Experience.objects.filter(Q(slug=base) | Q(slug__regex=rf"^{base}-[0-9]+$"))
    taken = set(siblings.values_list("slug", flat=True)) | RESERVED_SLUGS
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _locked(experience: Experience) -> Experience:
    return Experience.objects.select_for_update(of=("self",)).get(pk=experience.pk)


def _save(experience: Experience, fields: Sequence[str], actor: Any) -> None:
    """Save the changed fields and keep the result as a revision for the back office."""
    experience.save(update_fields=list(fields))
    experience.save_revision(user=actor if getattr(actor, "pk", None) else None, clean=False)


def _transition(
    experience: Experience, actor: Any, permission: str, from_states: Sequence[str]
) -> Experience:
    """The locked row, if it is still in one of ``from_states`` and ``actor`` may act."""
    locked = _locked(experience)
    if locked.state not in from_states:
        raise ValidationError(
            _("Non è più possibile: l'esperienza ora è «%(state)s».")
            % {"state": locked.get_state_display()},
            code="state",
        )
    _require(actor, permission, locked)
    return locked


def _review(experience: Experience, action: str, actor: Any, comment: str = "") -> None:
    ExperienceReview.objects.create(
        experience=experience, action=action, actor=actor, comment=comment
    )


class _Errors:
    """Collects every problem by field, so that the author sees them all at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(ValidationError(message))

    def add_error(self, field: str, error: ValidationError, row: int | None = None) -> None:
        for message in error.messages:
            if row is not None:
                message = _("Riga %(number)d: %(message)s") % {"number": row, "message": message}
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _text(data: Mapping[str, Any], name: str) -> str:
    return str(data.get(name) or "").replace("\r\n", "\n").strip()


def _check_length(errors: _Errors, field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.add(
            field,
            _("Al massimo %(limit)d caratteri (ne hai scritti %(count)d).")
            % {"limit": limit, "count": len(value)},
        )


def _check_url(errors: _Errors, field: str, value: str, row: int | None = None) -> None:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        errors.add_error(
            field,
            ValidationError(_("Scrivi un indirizzo web completo, che inizi con https://.")),
            row,
        )


def _choice(errors: _Errors, field: str, value: str, choices: Iterable[str], message: str) -> str:
    if value and value not in choices:
        errors.add(field, message)
    return value


def _instances(items: Any, model: type[Model]) -> list[Any]:
    """A list of ``model`` instances without duplicates, in the given order."""
    seen: dict[Any, Any] = {}
    for item in items or ():
        if not isinstance(item, model):
            raise TypeError(f"expected {model.__name__}, got {type(item).__name__}")
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _coordinate(errors: _Errors, field: str, value: Any, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.00001"))
    except InvalidOperation:
        errors.add(field, _("Scrivi un numero, ad esempio 44.49381."))
        return None
    if not -limit <= number <= limit:
        errors.add(field, _("Il valore deve essere tra -%(limit)d e %(limit)d.") % {"limit": limit})
        return None
    return number


def _image_file(upload: UploadedFile) -> ContentFile:
    """Re-encoded and, if very large, shrunk: drops EXIF data (such as where a photo was
    taken) and anything hidden after the image."""
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
        has_alpha = image.mode in ("RGBA", "LA", "P")
        image = image.convert("RGBA" if has_alpha else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG" if has_alpha else "JPEG", quality=85)
    extension = "png" if has_alpha else "jpg"
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def _delete_on_commit(files: Iterable[tuple[Storage, str | None]]) -> None:
    """Delete stored files once the transaction commits: a rollback keeps them."""
    for storage, name in files:
        if name:
            transaction.on_commit(partial(storage.delete, name))


def _check_image(upload: UploadedFile) -> None:
    validate_image(upload, max_bytes=IMAGE_MAX_BYTES)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("L'immagine è danneggiata o illeggibile.")) from exc
    finally:
        upload.seek(0)


def _check_pdf(upload: UploadedFile) -> None:
    validate_upload(upload, allowed=DOCUMENT_MIME_TYPES, max_bytes=DOCUMENT_MAX_BYTES)


def _pdf_file(upload: UploadedFile) -> ContentFile:
    upload.seek(0)
    return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")


# --- validation ----------------------------------------------------------------------------


def experience_validate(
    data: Mapping[str, Any], *, experience: Experience | None, actor: Any
) -> dict[str, Any]:
    """The cleaned values of the fields present in ``data``, or a ``ValidationError``
    with every problem keyed by field. Nothing is written."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable fields: {sorted(unknown)}")
    errors = _Errors()
    values: dict[str, Any] = {}
    present = set(data)

    if "title" in present:
        values["title"] = " ".join(_text(data, "title").split())
        if not values["title"]:
            errors.add("title", _("Scrivi il titolo dell'esperienza."))
        _check_length(errors, "title", values["title"], 200)
    if "summary" in present:
        # One paragraph in lists and previews: line breaks count as spaces.
        values["summary"] = " ".join(_text(data, "summary").split())
        if not values["summary"]:
            errors.add("summary", _("Scrivi la sintesi: una o due frasi."))
        _check_length(errors, "summary", values["summary"], SUMMARY_MAX_LENGTH)
    if "scale" in present:
        values["scale"] = str(data["scale"] or "")
        if values["scale"] not in Scale.values:
            errors.add("scale", _("Scegli la scala dell'esperienza."))
    if "status" in present:
        values["status"] = str(data["status"] or "")
        if values["status"] not in Status.values:
            errors.add("status", _("Scegli lo stato del percorso."))
    for name in ("start_date", "end_date"):
        if name in present:
            if data[name] is not None and not isinstance(data[name], date):
                raise TypeError(f"{name} must be a date")
            values[name] = data[name]
    start = values.get("start_date", experience.start_date if experience else None)
    end = values.get("end_date", experience.end_date if experience else None)
    if start and end and end < start and ({"start_date", "end_date"} & present):
        errors.add("end_date", _("La data di fine non può precedere quella di inizio."))

    _validate_territory(data, values, errors)
    _validate_method(data, values, errors)
    _validate_story(data, values, errors)
    _validate_people(data, values, errors, experience=experience, actor=actor)
    _validate_media(data, values, errors, experience=experience)

    if "contact_name" in present:
        values["contact_name"] = _text(data, "contact_name")
        _check_length(errors, "contact_name", values["contact_name"], 120)
    if "contact_email" in present:
        values["contact_email"] = _text(data, "contact_email")
        if values["contact_email"]:
            try:
                validate_email(values["contact_email"])
            except ValidationError:
                errors.add("contact_email", _("Scrivi un indirizzo e-mail valido."))
    if "website" in present:
        values["website"] = _text(data, "website")
        if values["website"]:
            _check_url(errors, "website", values["website"])
    if "licence" in present:
        values["licence"] = str(data["licence"] or "")
        if values["licence"] not in Licence.values:
            errors.add("licence", _("Scegli una licenza."))

    errors.raise_if_any()
    return values


def _validate_territory(data: Mapping[str, Any], values: dict[str, Any], errors: _Errors) -> None:
    if "municipalities" in data:
        values["municipalities"] = _instances(data["municipalities"], Municipality)
        if len(values["municipalities"]) > MAX_MUNICIPALITIES:
            errors.add(
                "municipalities",
                _("Al massimo %(count)d comuni: per un'area più ampia scegli la provincia "
                  "o la regione.") % {"count": MAX_MUNICIPALITIES},
            )  # fmt: skip
    for name, model in (("province", Province), ("region", Region)):
        if name in data:
            if data[name] is not None and not isinstance(data[name], model):
                raise TypeError(f"{name} must be a {model.__name__}")
            values[name] = data[name]
    province, region = values.get("province"), values.get("region")
    if province is not None and region is not None and province.region_id != region.pk:
        errors.add("province", _("La provincia scelta non è nella regione scelta."))
    if "latitude" in data or "longitude" in data:
        latitude = _coordinate(errors, "latitude", data.get("latitude"), 90)
        longitude = _coordinate(errors, "longitude", data.get("longitude"), 180)
        if (latitude is None) != (longitude is None) and not errors.by_field.keys() & {
            "latitude",
            "longitude",
        }:
            missing = "longitude" if longitude is None else "latitude"
            errors.add(missing, _("Indica sia la latitudine sia la longitudine, o nessuna."))
        values["latitude"], values["longitude"] = latitude, longitude


def _validate_method(data: Mapping[str, Any], values: dict[str, Any], errors: _Errors) -> None:
    for name, model in (
        ("themes", Theme),
        ("methods", ParticipatoryMethod),
        ("target_groups", TargetGroup),
    ):
        if name in data:
            values[name] = _instances(data[name], model)
    if "iap2_level" in data:
        if data["iap2_level"] is not None and not isinstance(data["iap2_level"], IAP2Level):
            raise TypeError("iap2_level must be an IAP2Level")
        values["iap2_level"] = data["iap2_level"]
    if "participants_count" in data:
        count = data["participants_count"]
        if count is not None and (not isinstance(count, int) or not 0 <= count <= PARTICIPANTS_MAX):
            errors.add("participants_count", _("Scrivi un numero intero, zero o più."))
        values["participants_count"] = count
    if "recruitment" in data:
        values["recruitment"] = _choice(
            errors,
            "recruitment",
            str(data["recruitment"] or ""),
            Recruitment.values,
            _("Scegli una delle modalità proposte."),
        )
    if "recruitment_notes" in data:
        values["recruitment_notes"] = _text(data, "recruitment_notes")
        _check_length(errors, "recruitment_notes", values["recruitment_notes"], TEXT_MAX_LENGTH)
    if "budget_band" in data:
        values["budget_band"] = _choice(
            errors,
            "budget_band",
            str(data["budget_band"] or ""),
            BudgetBand.values,
            _("Scegli una delle fasce proposte."),
        )
    if "funding_sources" in data:
        values["funding_sources"] = _text(data, "funding_sources")
        _check_length(errors, "funding_sources", values["funding_sources"], 300)


def _validate_story(data: Mapping[str, Any], values: dict[str, Any], errors: _Errors) -> None:
    for name in RICH_TEXT_FIELDS:
        if name in data:
            values[name] = rich_text(str(data[name] or ""))
            _check_length(errors, name, values[name], RICH_TEXT_MAX_LENGTH)
    for name in ("evidence", "replicability"):
        if name in data:
            values[name] = _text(data, name)
            _check_length(errors, name, values[name], TEXT_MAX_LENGTH)
    if "has_evaluation" in data:
        values["has_evaluation"] = bool(data["has_evaluation"])
    if data.get("evaluation_report") is not None:
        try:
            _check_pdf(data["evaluation_report"])
        except ValidationError as error:
            errors.add_error("evaluation_report", error)
        values["evaluation_report"] = data["evaluation_report"]
    if "remove_evaluation_report" in data:
        values["remove_evaluation_report"] = bool(data["remove_evaluation_report"])


def _validate_people(
    data: Mapping[str, Any],
    values: dict[str, Any],
    errors: _Errors,
    *,
    experience: Experience | None,
    actor: Any,
) -> None:
    if "organisations" in data:
        rows: list[OrganisationRow] = list(data["organisations"] or ())
        linked = (
            set(experience.organisations.values_list("organisation_id", flat=True))
            if experience is not None
            else set()
        )
        wanted = {row.organisation.pk for row in rows} - linked
        # New links only to organisations the person may see: public ones and their own.
        allowed = set(
            Organisation.objects.visible_to(actor)
            .filter(pk__in=wanted)
            .values_list("pk", flat=True)
        )
        unique: dict[tuple[int, str], OrganisationRow] = {}
        for number, row in enumerate(rows, start=1):
            if row.role not in OrganisationRole.values:
                errors.add_error("organisations", ValidationError(_("ruolo non valido.")), number)
            elif row.organisation.pk in wanted and row.organisation.pk not in allowed:
                errors.add_error(
                    "organisations", ValidationError(_("organizzazione non disponibile.")), number
                )
            unique.setdefault((row.organisation.pk, row.role), row)
        if len(unique) > MAX_ROWS:
            errors.add("organisations", _("Al massimo %(count)d righe.") % {"count": MAX_ROWS})
        values["organisations"] = list(unique.values())
    if "testimonials" in data:
        testimonials: list[TestimonialRow] = []
        for number, row in enumerate(data["testimonials"] or (), start=1):
            cleaned = TestimonialRow(
                quote=row.quote.replace("\r\n", "\n").strip(),
                person_name=" ".join(row.person_name.split()),
                role=" ".join(row.role.split()),
                organisation_name=" ".join(row.organisation_name.split()),
            )
            for field, label, limit, required in (
                ("quote", _("la testimonianza"), 600, True),
                ("person_name", _("il nome"), 120, True),
                ("role", _("il ruolo"), 120, False),
                ("organisation_name", _("l'organizzazione"), 200, False),
            ):
                value = getattr(cleaned, field)
                if required and not value:
                    message = _("manca %(what)s.") % {"what": label}
                    errors.add_error("testimonials", ValidationError(message), number)
                elif len(value) > limit:
                    message = _("%(what)s supera i %(limit)d caratteri.") % {
                        "what": label,
                        "limit": limit,
                    }
                    errors.add_error("testimonials", ValidationError(message), number)
            testimonials.append(cleaned)
        if len(testimonials) > MAX_ROWS:
            errors.add("testimonials", _("Al massimo %(count)d righe.") % {"count": MAX_ROWS})
        values["testimonials"] = testimonials


def _validate_media(
    data: Mapping[str, Any],
    values: dict[str, Any],
    errors: _Errors,
    *,
    experience: Experience | None,
) -> None:
    if "images" in data:
        existing = (
            set(experience.images.values_list("pk", flat=True)) if experience is not None else set()
        )
        images: list[ImageRow] = []
        for number, row in enumerate(data["images"] or (), start=1):
            if row.pk is not None and row.pk not in existing:
                errors.add_error("images", ValidationError(_("immagine sconosciuta.")), number)
            if row.pk is None and row.upload is None:
                errors.add_error("images", ValidationError(_("scegli il file.")), number)
            if row.upload is not None:
                try:
                    _check_image(row.upload)
                except ValidationError as error:
                    errors.add_error("images", error, number)
            alt_text = " ".join(row.alt_text.split())
            if not alt_text:
                errors.add_error(
                    "images",
                    ValidationError(
                        _("manca il testo alternativo, che descrive l'immagine a chi non la vede.")
                    ),
                    number,
                )
            for value, limit in ((alt_text, 250), (row.caption, 250), (row.credit, 120)):
                if len(value) > limit:
                    message = _("un testo supera i %(limit)d caratteri.") % {"limit": limit}
                    errors.add_error("images", ValidationError(message), number)
            images.append(
                ImageRow(
                    pk=row.pk,
                    upload=row.upload,
                    alt_text=alt_text,
                    caption=row.caption.strip(),
                    credit=row.credit.strip(),
                )
            )
        if len(images) > MAX_ROWS:
            errors.add("images", _("Al massimo %(count)d immagini.") % {"count": MAX_ROWS})
        values["images"] = images
    if "documents" in data:
        existing = (
            set(experience.documents.values_list("pk", flat=True))
            if experience is not None
            else set()
        )
        documents: list[DocumentRow] = []
        for number, row in enumerate(data["documents"] or (), start=1):
            title = " ".join(row.title.split())
            if row.pk is not None and row.pk not in existing:
                errors.add_error("documents", ValidationError(_("documento sconosciuto.")), number)
            if row.pk is None and row.upload is None:
                errors.add_error("documents", ValidationError(_("scegli il file.")), number)
            if row.upload is not None:
                try:
                    _check_pdf(row.upload)
                except ValidationError as error:
                    errors.add_error("documents", error, number)
            if not title or len(title) > 200:
                errors.add_error(
                    "documents", ValidationError(_("scrivi un titolo (al massimo 200 caratteri).")),
                    number,
                )  # fmt: skip
            documents.append(DocumentRow(pk=row.pk, upload=row.upload, title=title))
        if len(documents) > MAX_ROWS:
            errors.add("documents", _("Al massimo %(count)d documenti.") % {"count": MAX_ROWS})
        values["documents"] = documents
    if "links" in data:
        links: list[LinkRow] = []
        for number, row in enumerate(data["links"] or (), start=1):
            title, url = " ".join(row.title.split()), row.url.strip()
            if not title or len(title) > 200:
                errors.add_error(
                    "links", ValidationError(_("scrivi un titolo (al massimo 200 caratteri).")),
                    number,
                )  # fmt: skip
            _check_url(errors, "links", url, number)
            if row.kind not in ExperienceLink.Kind.values:
                errors.add_error("links", ValidationError(_("tipo non valido.")), number)
            links.append(LinkRow(title=title, url=url, kind=row.kind))
        if len(links) > MAX_ROWS:
            errors.add("links", _("Al massimo %(count)d collegamenti.") % {"count": MAX_ROWS})
        values["links"] = links


# --- writing -------------------------------------------------------------------------------


def _apply(experience: Experience, values: dict[str, Any]) -> list[str]:
    """Write validated ``values``; return the names of what changed. Old files are
    deleted only once the transaction commits."""
    changed: list[str] = []
    obsolete_files: list[tuple[Storage, str | None]] = []
    for name, value in values.items():
        if name in M2M_FIELDS or name in CHILD_FIELDS:
            continue
        if name in ("evaluation_report", "remove_evaluation_report"):
            continue
        if name in FOREIGN_KEYS:
            # Compared by id: loading a territory would load its boundary.
            if getattr(experience, f"{name}_id") != (value.pk if value else None):
                setattr(experience, name, value)
                changed.append(name)
        elif getattr(experience, name) != value:
            setattr(experience, name, value)
            changed.append(name)

    report = values.get("evaluation_report")
    if report is not None or values.get("remove_evaluation_report"):
        if experience.evaluation_report:
            obsolete_files.append(
                (experience.evaluation_report.storage, experience.evaluation_report.name)
            )
        if report is not None:
            pdf = _pdf_file(report)
            experience.evaluation_report.save(pdf.name or "", pdf, save=False)
            experience.has_evaluation = True
            changed.append("has_evaluation")
        else:
            experience.evaluation_report = ""
        changed.append("evaluation_report")

    m2m_changed = []
    for name in M2M_FIELDS:
        if name in values:
            manager = getattr(experience, name)
            wanted = values[name]
            if {item.pk for item in manager.all()} != {item.pk for item in wanted}:
                manager.set(wanted)
                m2m_changed.append(name)

    if "organisations" in values:
        current = [(link.organisation_id, link.role) for link in experience.organisations.all()]
        wanted_links = [(row.organisation.pk, row.role) for row in values["organisations"]]
        if current != wanted_links:
            ExperienceOrganisation.objects.filter(experience=experience).delete()
            ExperienceOrganisation.objects.bulk_create(
                ExperienceOrganisation(
                    experience=experience, organisation_id=org, role=role, sort_order=index
                )
                for index, (org, role) in enumerate(wanted_links)
            )
            changed.append("organisations")
    for name, model, row_class in (
        ("testimonials", Testimonial, TestimonialRow),
        ("links", ExperienceLink, LinkRow),
    ):
        if name in values and _replace_rows(experience, name, model, row_class, values[name]):
            changed.append(name)
    if "images" in values and _apply_images(experience, values["images"], obsolete_files):
        changed.append("images")
    if "documents" in values and _apply_documents(experience, values["documents"], obsolete_files):
        changed.append("documents")

    if changed or m2m_changed:
        experience.updated_at = timezone.now()
        # Listing the m2m names makes modelcluster write them to the database.
        experience.save(
            update_fields=[
                name for name in changed if name not in CHILD_FIELDS
            ] + m2m_changed + ["updated_at"]
        )  # fmt: skip
    _delete_on_commit(obsolete_files)
    return changed + m2m_changed


def _replace_rows(
    experience: Experience, name: str, model: type[Model], row_class: type, rows: list[Any]
) -> bool:
    """Replace the child rows ``name`` with ``rows`` (dataclasses whose fields are named
    like the model's), in their order; False when they are already the same."""
    names = [field.name for field in fields(row_class)]
    current = [
        row_class(**{n: getattr(child, n) for n in names})
        for child in getattr(experience, name).all()
    ]
    if current == rows:
        return False
    model._default_manager.filter(experience=experience).delete()
    model._default_manager.bulk_create(
        model(experience=experience, sort_order=index, **asdict(row))
        for index, row in enumerate(rows)
    )
    return True


def _apply_images(
    experience: Experience, rows: list[ImageRow], obsolete: list[tuple[Storage, str | None]]
) -> bool:
    current = {image.pk: image for image in experience.images.all()}
    kept = {row.pk for row in rows if row.pk is not None}
    modified = False
    for pk, image in current.items():
        if pk not in kept:
            obsolete.append((image.image.storage, image.image.name))
            image.delete()
            modified = True
    for index, row in enumerate(rows):
        replaced = False
        if row.pk is None:
            image = ExperienceImage(experience=experience)
            assert row.upload is not None  # checked by the validation
            content = _image_file(row.upload)
            image.image.save(content.name or "", content, save=False)
        elif row.pk in current:
            image = current[row.pk]
            if row.upload is not None:  # a new file for the same image
                obsolete.append((image.image.storage, image.image.name))
                content = _image_file(row.upload)
                image.image.save(content.name or "", content, save=False)
                replaced = True
        else:  # deleted meanwhile by another editor
            continue
        fields = {
            "alt_text": row.alt_text,
            "caption": row.caption,
            "credit": row.credit,
            "sort_order": index,
        }
        if replaced or row.pk is None or any(getattr(image, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(image, key, value)
            image.save()
            modified = True
    return modified


def _apply_documents(
    experience: Experience, rows: list[DocumentRow], obsolete: list[tuple[Storage, str | None]]
) -> bool:
    current = {document.pk: document for document in experience.documents.all()}
    kept = {row.pk for row in rows if row.pk is not None}
    modified = False
    for pk, document in current.items():
        if pk not in kept:
            obsolete.append((document.file.storage, document.file.name))
            document.delete()
            modified = True
    for index, row in enumerate(rows):
        if row.pk is None:
            document = ExperienceDocument(experience=experience)
            assert row.upload is not None  # checked by the validation
            content = _pdf_file(row.upload)
            document.file.save(content.name or "", content, save=False)
        elif row.pk in current:
            document = current[row.pk]
        else:  # deleted meanwhile by another editor
            continue
        if row.pk is None or (document.title, document.sort_order) != (row.title, index):
            document.title, document.sort_order = row.title, index
            document.save()
            modified = True
    return modified


def experience_create(*, actor: User, data: Mapping[str, Any]) -> Experience:
    """A new draft from the essentials (title, summary, scale, status, dates); the
    actor is its author."""
    _require(actor, "create_experience")
    unknown = set(data) - set(ESSENTIAL_FIELDS)
    if unknown:
        raise ValueError(f"a new experience takes only the essentials, not {sorted(unknown)}")
    values = experience_validate(
        {name: data.get(name) for name in ESSENTIAL_FIELDS}, experience=None, actor=actor
    )
    with transaction.atomic():
        experience = Experience(
            author=actor,
            licence=ExperienceSettings.load().default_licence,
            **values,
        )
        for attempt in range(3):
            experience.slug = _unique_slug(values["title"])
            try:
                with transaction.atomic():
                    experience.save()
                break
            except IntegrityError:
                # Someone took the same slug a moment ago: pick the next one.
                if attempt == 2:
                    raise
        experience.save_revision(user=actor, clean=False)
        _log(experience, "create", actor)
    return experience


def experience_update(
    *, experience: Experience, actor: User, data: Mapping[str, Any]
) -> Experience:
    """Save what one step of the form (or any caller) sends; the keys not in ``data``
    stay as they are. A new revision is kept when something changed."""
    _require(actor, "edit_experience", experience)
    values = experience_validate(data, experience=experience, actor=actor)
    with transaction.atomic():
        locked = _locked(experience)
        _require(actor, "edit_experience", locked)
        changed = _apply(locked, values)
        if changed:
            if set(changed) & set(TERRITORY_FIELDS):
                experience_refresh_derived(locked)
            locked.save_revision(user=actor, clean=False)
            _log(locked, "update", actor, fields=changed)
            if locked.state == State.PUBLISHED:
                _tell_followers(locked, actor, published=False)
    return locked


# --- workflow ------------------------------------------------------------------------------


def experience_submit(*, experience: Experience, actor: User) -> Experience:
    """Send a draft (or a draft with the changes asked for) to the promoters."""
    with transaction.atomic():
        locked = _transition(
            experience, actor, "submit_experience", (State.DRAFT, State.CHANGES_REQUESTED)
        )
        completeness = experience_completeness(locked)
        if not completeness.ready:
            missing = ", ".join(
                str(item.label)[:1].lower() + str(item.label)[1:]
                for item in completeness.required_missing
            )
            raise ValidationError(
                _("Per inviarla manca ancora: %(missing)s.") % {"missing": missing},
                code="incomplete",
            )
        locked.state = State.SUBMITTED
        locked.submitted_at = timezone.now()
        _review(locked, ReviewAction.SUBMITTED, actor)
        _save(locked, ["state", "submitted_at"], actor)
        _log(locked, "submit", actor)
        context = _context(locked, actor=actor)
        for promoter in promoters_to_notify():
            notify(
                user=promoter,
                kind="moderation",
                template="experiences/email/experience_submitted",
                context=context,
            )
    return locked


def experience_withdraw(*, experience: Experience, actor: User) -> Experience:
    """The authors take a submission back to edit it again."""
    with transaction.atomic():
        locked = _transition(experience, actor, "withdraw_experience", (State.SUBMITTED,))
        locked.state = State.DRAFT
        _review(locked, ReviewAction.WITHDRAWN, actor)
        _save(locked, ["state"], actor)
        _log(locked, "withdraw", actor)
    return locked


def _change_replication_count(experience: Experience, delta: int) -> None:
    if experience.replicated_from_id is None:
        return
    original = Experience.objects.filter(pk=experience.replicated_from_id)
    if delta < 0:
        original = original.filter(replication_count__gt=0)
    original.update(replication_count=F("replication_count") + delta)


def experience_approve(*, experience: Experience, actor: User, comment: str = "") -> Experience:
    """Publish a submitted experience."""
    comment = comment.strip()
    with transaction.atomic():
        locked = _transition(experience, actor, "review_experience", (State.SUBMITTED,))
        first_publication = locked.published_at is None
        locked.state = State.PUBLISHED
        locked.review_comment = comment
        if first_publication:
            locked.published_at = timezone.now()
        _review(locked, ReviewAction.APPROVED, actor, comment)
        _save(locked, ["state", "review_comment", "published_at"], actor)
        # The original counts its published replications only.
        _change_replication_count(locked, +1)
        _log(locked, "approve", actor, comment=comment)
        _notify(_editors(locked), "experience_approved", _context(locked, comment=comment))
        _tell_followers(locked, actor, published=True)
        if first_publication and locked.replicated_from_id is not None:
            original = Experience.objects.get(pk=locked.replicated_from_id)
            followers = followers_of(original)
            original_url = _absolute(original.get_absolute_url())
            _notify(
                followers,
                "experience_replicated",
                _context(locked, original=original, original_url=original_url),
            )
    return locked


def _decide(
    *,
    experience: Experience,
    actor: User,
    comment: str,
    permission: str,
    from_state: str,
    to_state: str,
    action: str,
    verb: str,
    missing_message: str,
) -> Experience:
    comment = comment.strip()
    with transaction.atomic():
        locked = _transition(experience, actor, permission, (from_state,))
        if not comment:
            raise ValidationError({"comment": missing_message})
        locked.state = to_state
        locked.review_comment = comment
        _review(locked, action, actor, comment)
        _save(locked, ["state", "review_comment"], actor)
        if from_state == State.PUBLISHED:
            _change_replication_count(locked, -1)
        _log(locked, verb, actor, comment=comment)
        _notify(_editors(locked), f"experience_{action}", _context(locked, comment=comment))
    return locked


def experience_request_changes(*, experience: Experience, actor: User, comment: str) -> Experience:
    """Send a submission back to its authors with what to change."""
    return _decide(
        experience=experience,
        actor=actor,
        comment=comment,
        permission="review_experience",
        from_state=State.SUBMITTED,
        to_state=State.CHANGES_REQUESTED,
        action=ReviewAction.CHANGES_REQUESTED,
        verb="request_changes",
        missing_message=_("Spiega agli autori che cosa cambiare."),
    )


def experience_reject(*, experience: Experience, actor: User, reason: str) -> Experience:
    return _decide(
        experience=experience,
        actor=actor,
        comment=reason,
        permission="review_experience",
        from_state=State.SUBMITTED,
        to_state=State.REJECTED,
        action=ReviewAction.REJECTED,
        verb="reject",
        missing_message=_("Spiega agli autori perché l'esperienza non può essere pubblicata."),
    )


def experience_unpublish(*, experience: Experience, actor: User, reason: str) -> Experience:
    """Take a published experience off the catalogue; it goes back to its authors as a
    draft."""
    return _decide(
        experience=experience,
        actor=actor,
        comment=reason,
        permission="unpublish_experience",
        from_state=State.PUBLISHED,
        to_state=State.DRAFT,
        action=ReviewAction.UNPUBLISHED,
        verb="unpublish",
        missing_message=_("Spiega agli autori perché l'esperienza viene ritirata."),
    )


def experience_delete(*, experience: Experience, actor: User) -> None:
    """The author deletes a draft, with its files."""
    with transaction.atomic():
        locked = _transition(experience, actor, "delete_experience", (State.DRAFT,))
        files = [(image.image.storage, image.image.name) for image in locked.images.all()]
        files += [
            (document.file.storage, document.file.name) for document in locked.documents.all()
        ]
        if locked.evaluation_report:
            files.append((locked.evaluation_report.storage, locked.evaluation_report.name))
        _log(locked, "delete", actor, title=locked.title)
        locked.delete()
        _delete_on_commit(files)


def experience_replicate(
    *, source: Experience, actor: User, municipality: Municipality | None
) -> Experience:
    """A new draft for the actor's own comune that copies the structure of ``source``
    (how, not what happened: no outcomes, testimonials or media) and links back to it."""
    _require(actor, "replicate_experience", source)
    if municipality is None:
        raise ValidationError({"municipality": _("Indica il comune in cui vuoi replicarla.")})
    title = _("%(title)s (replica a %(place)s)") % {
        "title": source.title,
        "place": municipality.name,
    }
    if len(title) > 200:
        shortened = source.title[: len(source.title) - (len(title) - 200)].rstrip()
        title = title.replace(source.title, shortened, 1)
    reference = _("Dall'esperienza originale «%(title)s»:") % {"title": source.title}
    narrative = "\n\n".join(
        (
            _("Contesto: perché avete scelto di replicare l'esperienza qui."),
            _("Obiettivi: che cosa volete ottenere."),
            _("Come si svolge: fasi, luoghi, tempi, chi partecipa."),
        )
    )
    with transaction.atomic():
        replica = Experience(
            title=title,
            summary=source.summary,
            narrative=rich_text(narrative),
            lessons=rich_text(format_html("<p>{}</p>", reference) + source.lessons)
            if source.lessons
            else "",
            replicability=f"{reference}\n{source.replicability}" if source.replicability else "",
            scale=source.scale,
            status=Status.PLANNED,
            iap2_level_id=source.iap2_level_id,
            recruitment=source.recruitment,
            licence=ExperienceSettings.load().default_licence,
            replicated_from=source,
            author=actor,
            slug=_unique_slug(title),
        )
        replica.save()
        replica.municipalities.set([municipality])
        replica.themes.set(list(source.themes.all()))
        replica.methods.set(list(source.methods.all()))
        replica.target_groups.set(list(source.target_groups.all()))
        replica.save(update_fields=list(M2M_FIELDS))
        experience_refresh_derived(replica)
        replica.save_revision(user=actor, clean=False)
        _log(replica, "replicate", actor, source=source.pk)
    return replica


# --- co-authors ----------------------------------------------------------------------------


def eligible_coauthors(experience: Experience) -> QuerySet[User]:
    """Who may be invited: active members of one of the experience's organisations,
    other than the author and those already invited. The invitation form offers only
    these people, so that it reveals nobody else."""
    organisations = ExperienceOrganisation.objects.filter(experience=experience).values(
        "organisation"
    )
    people = User.objects.filter(
        is_active=True,
        erased_at__isnull=True,
        joined_at__isnull=False,
        memberships__status=Membership.Status.ACTIVE,
        memberships__organisation__in=organisations,
    ).exclude(coauthored_experiences__experience=experience)
    if experience.author_id is not None:
        people = people.exclude(pk=experience.author_id)
    return people.distinct().order_by("last_name", "first_name", "pk")


def coauthor_invite(*, experience: Experience, actor: User, user: User) -> ExperienceCoauthor:
    _require(actor, "invite_coauthor", experience)
    if not eligible_coauthors(experience).filter(pk=user.pk).exists():
        raise ValidationError(
            {
                "user": _(
                    "Puoi invitare solo chi fa parte di una delle organizzazioni "
                    "dell'esperienza e non è già coautore."
                )
            }
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                coauthor = ExperienceCoauthor.objects.create(
                    experience=experience, user=user, invited_by=actor
                )
        except IntegrityError as exc:
            raise ValidationError({"user": _("Questa persona è già stata invitata.")}) from exc
        _log(experience, "coauthor_invite", actor, user_id=user.pk)
        _notify(
            [user],
            "coauthor_invited",
            _context(experience, actor=actor),
        )
    return coauthor


def coauthor_accept(*, experience: Experience, user: User) -> ExperienceCoauthor:
    """The invited person accepts and may edit from now on; accepting twice is harmless."""
    with transaction.atomic():
        coauthor = (
            ExperienceCoauthor.objects.select_for_update()
            .filter(experience=experience, user=user)
            .first()
        )
        if coauthor is None:
            raise PermissionDenied
        if coauthor.accepted_at is None:
            coauthor.accepted_at = timezone.now()
            coauthor.save(update_fields=["accepted_at"])
            # The co-author memo of permissions.is_coauthor is stale now.
            user.__dict__.pop("_experience_coauthor", None)
            _log(experience, "coauthor_accept", user, user_id=user.pk)
    return coauthor


def coauthor_remove(*, coauthor: ExperienceCoauthor, actor: User) -> None:
    """The author or a promoter removes a co-author; the person may also decline or leave."""
    experience = coauthor.experience
    if coauthor.user_id != actor.pk:
        _require(actor, "invite_coauthor", experience)
    with transaction.atomic():
        coauthor.delete()
        _log(experience, "coauthor_remove", actor, user_id=coauthor.user_id)


# --- derived columns -----------------------------------------------------------------------


@transaction.atomic
def experience_refresh_derived(experience: Experience) -> None:
    """Recompute the columns lists and facets read: regions and provinces touched, and
    the map point (the author's point, else the centre of the first comune, province
    or region)."""
    municipalities = list(
        experience.municipalities.only("centroid_lat", "centroid_lon", "province_id", "region_id")
    )
    province_ids = {m.province_id for m in municipalities}
    region_ids = {m.region_id for m in municipalities}
    if experience.province_id:
        province_ids.add(experience.province_id)
        region_ids.add(
            Province.objects.filter(pk=experience.province_id)
            .values_list("region_id", flat=True)
            .get()
        )
    if experience.region_id:
        region_ids.add(experience.region_id)
    experience.provinces.set(province_ids)
    experience.regions.set(region_ids)

    point: tuple[float, float] | None = None
    if experience.latitude is not None and experience.longitude is not None:
        point = (float(experience.latitude), float(experience.longitude))
    elif (
        municipalities
        and municipalities[0].centroid_lat is not None
        and municipalities[0].centroid_lon is not None
    ):
        point = (municipalities[0].centroid_lat, municipalities[0].centroid_lon)
    else:
        area = (
            Province.objects.defer("boundary").filter(pk=experience.province_id).first()
            if experience.province_id
            else Region.objects.defer("boundary").filter(pk=experience.region_id).first()
            if experience.region_id
            else None
        )
        if area is not None and area.centroid_lat is not None and area.centroid_lon is not None:
            point = (area.centroid_lat, area.centroid_lon)
    experience.marker_latitude, experience.marker_longitude = point or (None, None)
    experience.save(update_fields=["marker_latitude", "marker_longitude"])
