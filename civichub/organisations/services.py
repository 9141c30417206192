"""Writes on organisations, memberships and contributor applications.

Every service checks the permission, validates, saves with ``update_fields``, writes the
audit log and sends its e-mails once the transaction commits.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civichub.accounts.models import Role, User
from civichub.core.audit import log_action
from civichub.core.mail import send_templated_mail
from civichub.core.validators import validate_image
from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality, Region

from .models import (
    ContributorApplication,
    Kind,
    Membership,
    Organisation,
    PublicAdministrationKind,
    RuntsSection,
)
from .permissions import can
from .validators import LOGO_MAX_BYTES, validate_ipa_code, validate_tax_code

# Path segments of /organizzazioni/ that an organisation's slug must not take.
RESERVED_SLUGS = {"nuova", "candidature"}
LOG_PREFIX = "civichub.organisations."


@dataclass(frozen=True, kw_only=True)
class OrganisationData:
    """The editable fields of an organisation, as entered in the site's form."""

    name: str
    kind: str
    pa_kind: str = ""
    ipa_code: str = ""
    runts_section: str = ""
    runts_number: str = ""
    tax_code: str = ""
    summary: str = ""
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    municipality: Municipality | None = None
    operating_regions: Sequence[Region] = ()
    # None leaves them as they are: the site form does not edit them (the back office does).
    operating_municipalities: Sequence[Municipality] | None = None
    themes: Sequence[Theme] = ()
    competences: str = ""
    is_public: bool = True
    logo: UploadedFile | None = None
    remove_logo: bool = False


SCALAR_FIELDS = (
    "name",
    "kind",
    "pa_kind",
    "ipa_code",
    "runts_section",
    "runts_number",
    "tax_code",
    "summary",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "municipality",
    "region",
    "competences",
    "is_public",
)
RELATED_FIELDS = ("operating_regions", "operating_municipalities", "themes")


# --- helpers ------------------------------------------------------------------------------


def _require(actor: Any, permission: str, organisation: Organisation | None = None) -> None:
    if not can(actor, permission, organisation):
        raise PermissionDenied


def _log(organisation: Organisation, action: str, actor: Any, **data: Any) -> None:
    log_action(
        instance=organisation,
        action=LOG_PREFIX + action,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _notify(recipients: Iterable[User], template: str, context: dict[str, Any]) -> None:
    """One message per person (addresses are not shared), in each person's language."""
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or not user.email:
            continue
        seen.add(user.pk)
        send_templated_mail(
            to=[user.email],
            template=f"organisations/email/{template}",
            context={**context, "recipient": user},
            language=user.language,
        )


def _promoters() -> list[User]:
    return list(User.objects.filter(role=Role.PROMOTER, is_active=True).order_by("pk"))


def _admins(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role=Membership.Role.ADMIN,
        ).order_by("pk")
    )


def _context(organisation: Organisation, **extra: Any) -> dict[str, Any]:
    return {
        "organisation": organisation,
        "organisation_url": _absolute(
            reverse("organisations:detail", kwargs={"slug": organisation.slug})
        ),
        **extra,
    }


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200].strip("-") or "organizzazione"
    # Slugs hold only letters, digits, "-" and "_": no regex character to escape.
    siblings = Organisation.objects.filter(Q(slug=base) | Q(slug__regex=rf"^{base}-[0-9]+$"))
    taken = set(siblings.values_list("slug", flat=True)) | RESERVED_SLUGS
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _duplicate_message(field_label: str, existing: Organisation) -> str:
    if existing.is_public:
        return _("Questo %(field)s è già registrato per «%(name)s».") % {
            "field": field_label,
            "name": existing.name,
        }
    return _("Questo %(field)s è già registrato per un'altra organizzazione.") % {
        "field": field_label
    }


def organisation_validate(
    data: OrganisationData, organisation: Organisation | None = None
) -> dict[str, Any]:
    """The model values for ``data``, or a ``ValidationError`` with every problem by field.
    Also used by the back-office form, so that both sides apply the same rules."""
    errors: dict[str, list[ValidationError]] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message))

    others = Organisation.objects.all()
    if organisation is not None:
        others = others.exclude(pk=organisation.pk)
    values: dict[str, Any] = {
        field: (getattr(data, field) or "").strip()
        for field in SCALAR_FIELDS
        if field not in ("municipality", "region", "is_public")
    }
    values["municipality"] = data.municipality
    values["region"] = data.municipality.region if data.municipality else None
    values["is_public"] = data.is_public

    if not values["name"]:
        fail("name", _("Indica il nome dell'organizzazione."))
    if values["kind"] not in Kind.values:
        fail("kind", _("Scegli il tipo di organizzazione."))

    if values["kind"] == Kind.PUBLIC_ADMINISTRATION:
        if values["pa_kind"] not in PublicAdministrationKind.values:
            fail("pa_kind", _("Per una pubblica amministrazione indica il tipo di ente."))
        if not values["ipa_code"]:
            fail(
                "ipa_code",
                _("Per una pubblica amministrazione il codice IPA è obbligatorio."),
            )
    else:
        values["pa_kind"] = ""
    if values["ipa_code"]:
        try:
            values["ipa_code"] = validate_ipa_code(values["ipa_code"])
        except ValidationError as error:
            errors.setdefault("ipa_code", []).append(error)
        else:
            existing = others.filter(ipa_code=values["ipa_code"]).first()
            if existing is not None:
                fail("ipa_code", _duplicate_message(_("codice IPA"), existing))

    if values["kind"] == Kind.THIRD_SECTOR:
        if values["runts_section"] not in RuntsSection.values:
            fail(
                "runts_section",
                _("Per un ente del Terzo Settore indica la sezione del RUNTS."),
            )
    else:
        values["runts_section"] = values["runts_number"] = ""

    if values["tax_code"]:
        try:
            values["tax_code"] = validate_tax_code(values["tax_code"], kind=values["kind"])
        except ValidationError as error:
            errors.setdefault("tax_code", []).append(error)
        else:
            existing = others.filter(tax_code=values["tax_code"]).first()
            if existing is not None:
                fail("tax_code", _duplicate_message(_("codice fiscale"), existing))
    else:
        values["tax_code"] = None  # NULL: the unique constraint ignores missing codes

    if data.logo is not None:
        try:
            validate_image(data.logo, max_bytes=LOGO_MAX_BYTES)
        except ValidationError as error:
            errors.setdefault("logo", []).append(error)

    if errors:
        raise ValidationError(errors)
    return values


def _save_logo(organisation: Organisation, logo: UploadedFile) -> None:
    logo.seek(0)
    extension = filetype.guess_extension(logo.read(8192)) or "img"
    logo.seek(0)
    organisation.logo.save(f"{organisation.slug}.{extension}", logo, save=False)


def _save(organisation: Organisation, **kwargs: Any) -> None:
    """Save, turning a lost race on the unique tax code into the usual message."""
    try:
        with transaction.atomic():
            organisation.save(**kwargs)
    except IntegrityError as exc:
        if organisation.tax_code and (
            Organisation.objects.filter(tax_code=organisation.tax_code)
            .exclude(pk=organisation.pk)
            .exists()
        ):
            raise ValidationError(
                {"tax_code": _("Questo codice fiscale è già registrato.")}
            ) from exc
        raise


# --- organisations ------------------------------------------------------------------------


def organisation_create(*, actor: User, data: OrganisationData) -> Organisation:
    """A member registers an organisation and becomes its first administrator."""
    _require(actor, "create_organisation")
    values = organisation_validate(data)
    with transaction.atomic():
        organisation = Organisation(slug=_unique_slug(values["name"]), **values)
        if data.logo is not None:
            _save_logo(organisation, data.logo)
        _save(organisation)
        organisation.themes.set(data.themes)
        organisation.operating_regions.set(data.operating_regions)
        organisation.operating_municipalities.set(data.operating_municipalities or ())
        now = timezone.now()
        Membership.objects.create(
            organisation=organisation,
            user=actor,
            role=Membership.Role.ADMIN,
            status=Membership.Status.ACTIVE,
            created_at=now,
            decided_at=now,
            decided_by=actor,
        )
        _log(organisation, "create", actor)
        _notify(
            _promoters(),
            "organisation_created",
            _context(organisation, actor=actor),
        )
    return organisation


def organisation_update(
    *, organisation: Organisation, actor: User, data: OrganisationData
) -> Organisation:
    _require(actor, "edit_organisation", organisation)
    values = organisation_validate(data, organisation)
    changed = [field for field in SCALAR_FIELDS if getattr(organisation, field) != values[field]]
    old_logo = organisation.logo.name
    with transaction.atomic():
        for field in changed:
            setattr(organisation, field, values[field])
        if data.logo is not None:
            _save_logo(organisation, data.logo)
            changed.append("logo")
        elif data.remove_logo and old_logo:
            organisation.logo = ""
            changed.append("logo")
        if "logo" in changed and old_logo:
            # The old file goes only once the new state is committed.
            storage = organisation.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
        for field in RELATED_FIELDS:
            items = getattr(data, field)
            if items is None:
                continue
            manager = getattr(organisation, field)
            wanted = {item.pk for item in items}
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
                changed.append(field)
        if changed:
            _save(
                organisation,
                update_fields=[f for f in changed if f not in RELATED_FIELDS] + ["updated_at"],
            )
            _log(organisation, "update", actor, fields=changed)
    return organisation


def _set_verified(*, organisation: Organisation, actor: User, verified: bool) -> Organisation:
    _require(actor, "verify_organisation", organisation)
    if organisation.is_verified == verified:
        return organisation
    with transaction.atomic():
        organisation.is_verified = verified
        organisation.save(update_fields=["is_verified", "updated_at"])
        action = "verify" if verified else "unverify"
        _log(organisation, action, actor)
        _notify(_admins(organisation), f"organisation_{action}", _context(organisation))
    return organisation


def organisation_verify(*, organisation: Organisation, actor: User) -> Organisation:
    """Promoters confirm that the organisation is who it says it is."""
    return _set_verified(organisation=organisation, actor=actor, verified=True)


def organisation_unverify(*, organisation: Organisation, actor: User) -> Organisation:
    return _set_verified(organisation=organisation, actor=actor, verified=False)


# --- memberships --------------------------------------------------------------------------


def membership_request(*, organisation: Organisation, user: User) -> Membership:
    """A member asks to join; the organisation's admins (or, if it has none, the
    promoters) decide."""
    _require(user, "join_organisation", organisation)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(organisation=organisation, user=user)
        if not created:  # a refused request, made again
            membership.status = Membership.Status.PENDING
            membership.role = Membership.Role.MEMBER
            membership.created_at = timezone.now()
            membership.decided_at = None
            membership.decided_by = None
            membership.save(
                update_fields=["status", "role", "created_at", "decided_at", "decided_by"]
            )
        _log(organisation, "membership_request", user, user_id=user.pk)
        deciders = _admins(organisation) or _promoters()
        _notify(
            deciders,
            "membership_requested",
            _context(
                organisation,
                applicant=user,
                members_url=_absolute(
                    reverse("organisations:members", kwargs={"slug": organisation.slug})
                ),
            ),
        )
    return membership


def _decide_membership(
    *, membership: Membership, actor: User, status: str, reason: str = ""
) -> Membership:
    organisation = membership.organisation
    _require(actor, "manage_organisation_members", organisation)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status != Membership.Status.PENDING:
            raise ValidationError(_("Questa richiesta di adesione è già stata decisa."))
        membership.status = status
        membership.decided_at = timezone.now()
        membership.decided_by = actor
        membership.save(update_fields=["status", "decided_at", "decided_by"])
        approved = status == Membership.Status.ACTIVE
        _log(
            organisation,
            "membership_approve" if approved else "membership_refuse",
            actor,
            user_id=membership.user_id,
            reason=reason,
        )
        _notify(
            [membership.user],
            "membership_approved" if approved else "membership_refused",
            _context(organisation, reason=reason),
        )
    return membership


def membership_approve(*, membership: Membership, actor: User) -> Membership:
    return _decide_membership(membership=membership, actor=actor, status=Membership.Status.ACTIVE)


def membership_refuse(*, membership: Membership, actor: User, reason: str = "") -> Membership:
    return _decide_membership(
        membership=membership,
        actor=actor,
        status=Membership.Status.REFUSED,
        reason=reason.strip(),
    )


def _check_not_last_admin(membership: Membership) -> None:
    """An organisation keeps at least one administrator; rows are locked so that two
    admins demoting each other at once cannot both succeed."""
    if membership.role != Membership.Role.ADMIN or membership.status != Membership.Status.ACTIVE:
        return
    admins = list(
        Membership.objects.select_for_update()
        .filter(
            organisation_id=membership.organisation_id,
            role=Membership.Role.ADMIN,
            status=Membership.Status.ACTIVE,
        )
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk]:
        raise ValidationError(
            _(
                "L'organizzazione deve avere almeno un amministratore: nomina prima un altro "
                "amministratore."
            )
        )


def membership_set_role(*, membership: Membership, actor: User, role: str) -> Membership:
    organisation = membership.organisation
    _require(actor, "manage_organisation_members", organisation)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Ruolo non valido.")})
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Si può cambiare il ruolo solo dei membri attivi."))
    if membership.role == role:
        return membership
    with transaction.atomic():
        if role != Membership.Role.ADMIN:
            _check_not_last_admin(membership)
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        _log(
            organisation,
            "membership_set_role",
            actor,
            user_id=membership.user_id,
            previous=previous,
            role=role,
        )
        _notify(
            [membership.user],
            "membership_role_changed",
            _context(organisation, role=membership.get_role_display()),
        )
    return membership


def membership_remove(*, membership: Membership, actor: User) -> None:
    """Admins and promoters remove a member; a person may also leave (or withdraw a
    request) on their own."""
    organisation = membership.organisation
    if membership.user_id == actor.pk:
        _require(actor, "leave_organisation", organisation)
    else:
        _require(actor, "manage_organisation_members", organisation)
    with transaction.atomic():
        _check_not_last_admin(membership)
        user = membership.user
        membership.delete()
        _log(organisation, "membership_remove", actor, user_id=user.pk)
        if user.pk != actor.pk:
            _notify([user], "membership_removed", _context(organisation))


# --- contributor organisations ------------------------------------------------------------


def contributor_application_submit(
    *, organisation: Organisation, actor: User, motivation: str
) -> ContributorApplication:
    """An organisation's admin asks the promoters to make it a contributor organisation."""
    _require(actor, "submit_contributor_application", organisation)
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError(
            {"motivation": _("Spiega perché l'organizzazione vuole diventare contributrice.")}
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                application = ContributorApplication.objects.create(
                    organisation=organisation, submitted_by=actor, motivation=motivation
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("C'è già una candidatura in attesa per questa organizzazione.")
            ) from exc
        _log(organisation, "contributor_application_submit", actor, application_id=application.pk)
        _notify(
            _promoters(),
            "contributor_application_submitted",
            _context(
                organisation,
                application=application,
                queue_url=_absolute(reverse("organisations:applications")),
            ),
        )
    return application


def _decide_application(
    *, application: ContributorApplication, actor: User, approve: bool, reason: str
) -> ContributorApplication:
    _require(actor, "decide_contributor_applications")
    with transaction.atomic():
        application = (
            # Lock only the application: PostgreSQL cannot lock the nullable side of
            # the outer join that select_related makes for submitted_by.
            ContributorApplication.objects.select_for_update(of=("self",))
            .select_related("organisation", "submitted_by")
            .get(pk=application.pk)
        )
        if application.status != ContributorApplication.Status.PENDING:
            raise ValidationError(_("Questa candidatura è già stata decisa."))
        organisation = application.organisation
        application.status = (
            ContributorApplication.Status.APPROVED
            if approve
            else ContributorApplication.Status.REFUSED
        )
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.reason = reason
        application.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        if approve and not organisation.is_contributor:
            organisation.is_contributor = True
            organisation.save(update_fields=["is_contributor", "updated_at"])
        action = "approve" if approve else "refuse"
        _log(
            organisation,
            f"contributor_application_{action}",
            actor,
            application_id=application.pk,
            reason=reason,
        )
        recipients = _admins(organisation)
        if application.submitted_by is not None:
            recipients.insert(0, application.submitted_by)
        _notify(
            recipients,
            "contributor_application_approved" if approve else "contributor_application_refused",
            _context(organisation, application=application, reason=reason),
        )
    return application


def contributor_application_approve(
    *, application: ContributorApplication, actor: User, reason: str = ""
) -> ContributorApplication:
    return _decide_application(
        application=application, actor=actor, approve=True, reason=reason.strip()
    )


def contributor_application_refuse(
    *, application: ContributorApplication, actor: User, reason: str
) -> ContributorApplication:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Spiega all'organizzazione perché la rifiuti.")})
    return _decide_application(application=application, actor=actor, approve=False, reason=reason)
