"""Writes about people: membership, profile, consents, roles, tokens, GDPR.

Every service is keyword-only, checks what it is asked, saves only the fields it
changes, writes the audit log and sends mail after the transaction commits.
"""

import datetime
import io
import json
import zipfile
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from wagtail.models import APIToken

from civichub.core.audit import log_action
from civichub.organisations.models import Membership, Organisation
from civichub.organisations.services import (
    OrganisationData,
    membership_request,
    organisation_create,
)
from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality

from .mail import absolute_url
from .models import (
    PROMOTERS_GROUP,
    ActorKind,
    Consent,
    ConsentKind,
    ContributorRequest,
    Frequency,
    NotificationPreference,
    ParticipationMode,
    Profile,
    Role,
    RoleChange,
    User,
    Visibility,
)
from .notifications import notify
from .permissions import can
from .registry import DATA_EXPORTERS, ERASERS, NOTIFICATION_KINDS
from .selectors import promoters_to_notify

AVATAR_SIZE = 512
MAX_API_TOKENS = 20


# Membership -------------------------------------------------------------------------


def consent_record(*, user: User, kind: str, given: bool, ip_address: str | None = None) -> Consent:
    if kind not in ConsentKind.values:
        raise ValidationError(_("Tipo di consenso sconosciuto."), code="consent_kind")
    return Consent.objects.create(
        user=user,
        kind=kind,
        version=settings.CONSENT_VERSIONS[kind],
        given=given,
        ip_address=ip_address,
    )


@transaction.atomic
def membership_complete(
    *,
    user: User,
    first_name: str,
    last_name: str,
    actor_kind: str,
    municipality: Municipality | None,
    themes: list[Theme],
    participation: list[str],
    visibility: str,
    accept_terms: bool,
    accept_privacy: bool,
    newsletter: bool,
    organisation: Organisation | None = None,
    new_organisation: OrganisationData | None = None,
    ip_address: str | None = None,
) -> Profile:
    """The membership form: participant status is immediate. Joining an organisation
    is a request its admins decide; a new organisation has the person as first admin
    (both through the organisations services, so their checks and notices apply)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.joined_at is not None:
        raise ValidationError(_("Hai già completato l'adesione."), code="already_joined")
    if not (accept_terms and accept_privacy):
        raise ValidationError(
            _(
                "Per aderire servono l'accettazione delle condizioni d'uso e la presa visione "
                "dell'informativa privacy."
            ),
            code="consent_required",
        )
    if organisation is not None and new_organisation is not None:
        raise ValidationError(_("Scegli una sola organizzazione."), code="organisation")
    if not first_name.strip() or not last_name.strip():
        raise ValidationError(_("Nome e cognome sono obbligatori."), code="name_required")
    if actor_kind not in ActorKind.values or visibility not in Visibility.values:
        raise ValidationError(_("Scelta non valida."), code="invalid_choice")
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.joined_at = timezone.now()
    user.save(update_fields=["first_name", "last_name", "joined_at"])
    profile = Profile.objects.create(
        user=user,
        actor_kind=actor_kind,
        municipality=municipality,
        participation=[mode for mode in participation if mode in ParticipationMode.values],
        visibility=visibility,
    )
    profile.themes.set(themes)
    consent_record(user=user, kind=ConsentKind.TERMS, given=True, ip_address=ip_address)
    consent_record(user=user, kind=ConsentKind.PRIVACY, given=True, ip_address=ip_address)
    if newsletter:
        consent_record(user=user, kind=ConsentKind.NEWSLETTER, given=True, ip_address=ip_address)
    if organisation is not None:
        membership_request(organisation=organisation, user=user)
    elif new_organisation is not None:
        organisation_create(actor=user, data=new_organisation)
    log_action(instance=user, action="civichub.accounts.join", user=user)
    return profile


# Profile and settings --------------------------------------------------------------

PROFILE_FIELDS = (
    "bio",
    "actor_kind",
    "municipality",
    "participation",
    "visibility",
    "bio_visibility",
    "organisations_visibility",
    "territory_visibility",
    "themes_visibility",
)


def _avatar_file(upload: UploadedFile) -> ContentFile:
    """Re-encoded and shrunk: drops EXIF data (such as where a photo was taken)
    and anything hidden after the image."""
    upload.seek(0)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source)
        image.thumbnail((AVATAR_SIZE, AVATAR_SIZE))
        has_alpha = image.mode in ("RGBA", "LA", "P")
        image = image.convert("RGBA" if has_alpha else "RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG" if has_alpha else "JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="avatar.png" if has_alpha else "avatar.jpg")


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    values: dict[str, Any],
    themes: list[Theme],
    avatar: UploadedFile | None = None,
    remove_avatar: bool = False,
) -> Profile:
    profile = Profile.objects.select_for_update().get(user=user)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name in ("visibility", "bio_visibility", "organisations_visibility",
                 "territory_visibility", "themes_visibility"):  # fmt: skip
        if name in values and values[name] not in Visibility.values:
            raise ValidationError(_("Visibilità non valida."), code="visibility")
    if not first_name.strip() or not last_name.strip():
        raise ValidationError(_("Nome e cognome sono obbligatori."), code="name_required")
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    for name, value in values.items():
        setattr(profile, name, value)
    update_fields = [*values, "updated_at"]
    old_avatar = profile.avatar.name if profile.avatar else ""
    if avatar is not None:
        image = _avatar_file(avatar)
        profile.avatar.save(image.name or "avatar.jpg", image, save=False)
        update_fields.append("avatar")
    elif remove_avatar and old_avatar:
        profile.avatar = ""
        update_fields.append("avatar")
    profile.save(update_fields=update_fields)
    profile.themes.set(themes)
    if old_avatar and "avatar" in update_fields:
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return profile


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Lingua non disponibile."), code="language")
    user.language = language
    user.save(update_fields=["language"])


@transaction.atomic
def notification_preferences_update(*, user: User, frequencies: dict[str, str]) -> None:
    for kind, frequency in frequencies.items():
        definition = NOTIFICATION_KINDS.get(kind)
        if definition is None or not definition.available_to(user):
            raise ValidationError(_("Tipo di notifica non disponibile."), code="kind")
        if frequency not in Frequency.values:
            raise ValidationError(_("Frequenza non valida."), code="frequency")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )


# Roles -----------------------------------------------------------------------------


def _request_context(request: ContributorRequest) -> dict[str, Any]:
    return {
        "request": request,
        "person": request.user,
        "queue_url": absolute_url(reverse("accounts:contributor_queue")),
        "profile_url": absolute_url(reverse("accounts:profile", args=[request.user.public_id])),
    }


@transaction.atomic
def contributor_request_submit(
    *,
    user: User,
    requested_by: User,
    motivation: str,
    organisation: Organisation | None = None,
) -> ContributorRequest:
    """Asked by the person, or by an admin of one of their organisations."""
    if requested_by.pk == user.pk:
        if organisation is not None:
            raise ValidationError(_("Chiedi a titolo personale."), code="organisation")
        if not can(requested_by, "request_contributor"):
            raise PermissionDenied
    else:
        if organisation is None or not can(requested_by, "propose_contributor", user):
            raise PermissionDenied
        admin_of = Membership.objects.filter(
            organisation=organisation,
            user=requested_by,
            role=Membership.Role.ADMIN,
            status=Membership.Status.ACTIVE,
        ).exists()
        member_of = Membership.objects.filter(
            organisation=organisation, user=user, status=Membership.Status.ACTIVE
        ).exists()
        if not (admin_of and member_of):
            raise PermissionDenied
    if not motivation.strip():
        raise ValidationError(_("Scrivi la motivazione."), code="motivation_required")
    try:
        with transaction.atomic():
            request = ContributorRequest.objects.create(
                user=user,
                requested_by=requested_by,
                organisation=organisation,
                motivation=motivation.strip(),
            )
    except IntegrityError as exc:  # a concurrent request won the race
        raise ValidationError(
            _("C'è già una richiesta in attesa per questa persona."), code="pending_exists"
        ) from exc
    log_action(
        instance=request,
        action="civichub.accounts.contributor_request.submit",
        user=requested_by,
        data={"organisation": organisation.pk if organisation else None},
    )
    context = _request_context(request)
    notify(
        user=user,
        kind="account",
        template="accounts/email/contributor_request_received",
        context=context,
    )
    for promoter in promoters_to_notify():
        notify(
            user=promoter,
            kind="moderation",
            template="accounts/email/contributor_request_to_review",
            context=context,
        )
    return request


def _decide(
    *, request: ContributorRequest, decided_by: User, status: str, reason: str = ""
) -> ContributorRequest:
    if not can(decided_by, "review_contributor_requests"):
        raise PermissionDenied
    request = ContributorRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ContributorRequest.Status.PENDING:
        raise ValidationError(_("La richiesta è già stata decisa."), code="already_decided")
    request.status = status
    request.refusal_reason = reason
    request.decided_by = decided_by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
    return request


def _notify_decision(request: ContributorRequest, template: str) -> None:
    context = _request_context(request)
    notify(user=request.user, kind="account", template=template, context=context)
    requester = request.requested_by
    if requester is not None and requester.pk != request.user.pk:
        notify(user=requester, kind="organisations", template=template, context=context)


@transaction.atomic
def contributor_request_approve(
    *, request: ContributorRequest, decided_by: User
) -> ContributorRequest:
    request = _decide(
        request=request, decided_by=decided_by, status=ContributorRequest.Status.APPROVED
    )
    _role_change(
        user=request.user,
        role=Role.CONTRIBUTOR,
        changed_by=decided_by,
        reason=_("Richiesta approvata"),
        notify_person=False,
    )
    log_action(
        instance=request, action="civichub.accounts.contributor_request.approve", user=decided_by
    )
    _notify_decision(request, "accounts/email/contributor_request_approved")
    return request


@transaction.atomic
def contributor_request_refuse(
    *, request: ContributorRequest, decided_by: User, reason: str
) -> ContributorRequest:
    if not reason.strip():
        raise ValidationError(
            _("Scrivi il motivo del rifiuto: la persona lo riceverà."), code="reason_required"
        )
    request = _decide(
        request=request,
        decided_by=decided_by,
        status=ContributorRequest.Status.REFUSED,
        reason=reason.strip(),
    )
    log_action(
        instance=request, action="civichub.accounts.contributor_request.refuse", user=decided_by
    )
    _notify_decision(request, "accounts/email/contributor_request_refused")
    return request


def promoter_group_sync(*, user: User) -> None:
    """Promoters are in the "Promotori" group (back-office access, library page
    permissions); anyone else is taken out of it. Staff keep their own access."""
    group = Group.objects.filter(name=PROMOTERS_GROUP).first()
    if group is None:
        # Deleted in the back office: recreate it with what the migration gave it.
        group = Group.objects.create(name=PROMOTERS_GROUP)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    if user.role == Role.PROMOTER and user.is_active and not user.erased_at:
        user.groups.add(group)
    else:
        user.groups.remove(group)


def _role_change(
    *, user: User, role: str, changed_by: User, reason: str, notify_person: bool = True
) -> RoleChange:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.role == role:
        raise ValidationError(_("La persona ha già questo ruolo."), code="same_role")
    change = RoleChange.objects.create(
        user=user, old_role=user.role, new_role=role, changed_by=changed_by, reason=reason
    )
    user.role = role
    user.save(update_fields=["role"])
    promoter_group_sync(user=user)
    if role != Role.PARTICIPANT:
        # A request still waiting is answered by the change itself.
        ContributorRequest.objects.filter(
            user=user, status=ContributorRequest.Status.PENDING
        ).update(
            status=ContributorRequest.Status.APPROVED,
            decided_by=changed_by,
            decided_at=timezone.now(),
        )
    log_action(
        instance=user,
        action="civichub.accounts.role.set",
        user=changed_by,
        data={"old_role": change.old_role, "new_role": role},
    )
    if notify_person:
        notify(
            user=user,
            kind="account",
            template="accounts/email/role_changed",
            context={"change": change},
        )
    return change


@transaction.atomic
def user_set_role(*, user: User, role: str, changed_by: User, reason: str = "") -> RoleChange:
    if role not in Role.values:
        raise ValidationError(_("Ruolo sconosciuto."), code="role")
    if not can(changed_by, "set_role", user):
        raise PermissionDenied
    if role == Role.PROMOTER and not (changed_by.is_staff or changed_by.is_superuser):
        raise PermissionDenied
    return _role_change(user=user, role=role, changed_by=changed_by, reason=reason.strip())


# API tokens (Wagtail's APIToken: HMAC digests that survive SECRET_KEY rotation) ------


def api_token_create(*, user: User, name: str) -> tuple[APIToken, str]:
    """A new token and its plaintext, which is shown once and never stored."""
    if not name.strip():
        raise ValidationError(_("Dai un nome al token."), code="name_required")
    if APIToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_API_TOKENS:
        raise ValidationError(
            _("Hai già %(count)d token attivi: revocane uno prima di crearne un altro.")
            % {"count": MAX_API_TOKENS},
            code="too_many_tokens",
        )
    token, plaintext = APIToken.create_token(user=user, name=name.strip())
    log_action(instance=token, action="wagtail.apitoken.create", user=user)
    return token, plaintext


def api_token_revoke(*, token: APIToken, user: User) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        raise ValidationError(_("Il token è già stato revocato."), code="already_revoked")
    token.revoke()
    log_action(instance=token, action="wagtail.apitoken.revoke", user=user)


# GDPR ------------------------------------------------------------------------------


def user_export_data(*, user: User) -> bytes:
    """A zip with ``dati.json`` (one section per registered exporter) and the files."""
    buffer = io.BytesIO()
    document: dict[str, Any] = {
        "generated_at": timezone.now(),
        "person": user.public_id,
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key, exporter in DATA_EXPORTERS.items():
            section = exporter(user)
            document[key] = section.data
            for name, stored in section.files:
                with stored.open("rb") as handle:
                    archive.writestr(f"file/{key}/{name}", handle.read())
        archive.writestr(
            "dati.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
    log_action(instance=user, action="civichub.accounts.export", user=user)
    return buffer.getvalue()


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Delete personal data and keep an anonymous row behind public acts: every
    registered eraser runs first, then the account itself is scrubbed."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        raise ValidationError(_("L'account è già stato cancellato."), code="already_erased")
    for eraser in ERASERS.values():
        eraser(user)
    user.email = f"cancellato-{user.public_id}@invalid.invalid"
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.role = Role.PARTICIPANT
    user.erased_at = timezone.now()
    user.save(
        update_fields=[
            "email", "first_name", "last_name", "password", "is_active", "is_staff",
            "is_superuser", "role", "erased_at",
        ]
    )  # fmt: skip
    user.groups.clear()
    user.user_permissions.clear()
    log_action(instance=user, action="civichub.accounts.erase", user=None)


def unverified_users_purge(*, older_than_days: int) -> int:
    """Delete sign-ups whose address was never verified; return how many.

    Only people who signed up through the site (an unverified address on record) and
    never signed in: accounts created by staff or commands are left alone."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    address = EmailAddress.objects.filter(user=OuterRef("pk"))
    stale = (
        User.objects.filter(
            date_joined__lt=cutoff,
            last_login__isnull=True,
            joined_at__isnull=True,
            erased_at__isnull=True,
            is_staff=False,
            is_superuser=False,
        )
        .filter(Exists(address.filter(verified=False)))
        .exclude(Exists(address.filter(verified=True)))
    )
    ids = list(stale.values_list("pk", flat=True))
    User.objects.filter(pk__in=ids).delete()
    return len(ids)
