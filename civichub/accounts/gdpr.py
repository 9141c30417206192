"""This app's own part of "download my data" and of erasure (registered in apps.py)."""

from pathlib import PurePath

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from wagtail.models import APIToken, ModelLogEntry

from civichub.organisations.models import Membership

from .models import (
    Consent,
    ContributorRequest,
    NotificationPreference,
    Profile,
    QueuedNotification,
    RoleChange,
    User,
)
from .registry import ExportSection


def export_account(user: User) -> ExportSection:
    profile = Profile.objects.filter(user=user).prefetch_related("themes").first()
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "is_staff": user.is_staff,
            "language": user.language,
            "date_joined": user.date_joined,
            "joined_at": user.joined_at,
            "last_login": user.last_login,
            "public_id": user.public_id,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "login_providers": list(
            SocialAccount.objects.filter(user=user).values("provider", "uid", "date_joined")
        ),
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
        ),
        "profile": None,
        "consents": list(
            Consent.objects.filter(user=user).values(
                "kind", "version", "given", "created_at", "ip_address"
            )
        ),
        "contributor_requests": list(
            ContributorRequest.objects.filter(user=user).values(
                "motivation",
                "status",
                "refusal_reason",
                "created_at",
                "decided_at",
                "organisation__name",
            )
        ),
        "role_changes": list(
            RoleChange.objects.filter(user=user).values(
                "old_role", "new_role", "reason", "created_at"
            )
        ),
        "notification_preferences": dict(
            NotificationPreference.objects.filter(user=user).values_list("kind", "frequency")
        ),
        "api_tokens": list(
            APIToken.objects.filter(user=user).values(
                "name", "prefix", "created", "last_used_at", "revoked_at"
            )
        ),
        "organisations": list(
            Membership.objects.filter(user=user).values(
                "organisation__name", "role", "status", "created_at"
            )
        ),
    }
    files: list[tuple[str, FieldFile]] = []
    if profile is not None:
        data["profile"] = {
            "bio": profile.bio,
            "actor_kind": profile.actor_kind,
            "municipality": profile.municipality.name if profile.municipality else None,
            "themes": [theme.name for theme in profile.themes.all()],
            "participation": profile.participation,
            "visibility": profile.visibility,
            "bio_visibility": profile.bio_visibility,
            "organisations_visibility": profile.organisations_visibility,
            "territory_visibility": profile.territory_visibility,
            "themes_visibility": profile.themes_visibility,
            "avatar": PurePath(profile.avatar.name or "").name or None,
        }
        if profile.avatar:
            files.append((PurePath(profile.avatar.name or "avatar").name, profile.avatar))
    return ExportSection(data=data, files=files)


def erase_account(user: User) -> None:
    """Everything this app keeps about the person goes; the audit log keeps its
    entries (who did what) but loses the names in their labels."""
    anonymous = _("Utente cancellato")
    requests = ContributorRequest.objects.filter(user=user).values_list("pk", flat=True)
    request_ids = [str(pk) for pk in requests]
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(label=anonymous)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ContributorRequest),
        object_id__in=request_ids,
    ).update(label=anonymous)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        if profile.avatar:
            storage, name = profile.avatar.storage, profile.avatar.name or ""
            transaction.on_commit(lambda: storage.delete(name))
        profile.delete()
    for model in (
        Consent, ContributorRequest, RoleChange, NotificationPreference, QueuedNotification,
        APIToken, EmailAddress, SocialAccount, Authenticator, Membership,
    ):  # fmt: skip
        model.objects.filter(user=user).delete()
