"""The hub's people: e-mail is the login identifier; the role drives permissions.

Besides the user: the profile filled in by the membership form, the consent log,
contributor requests and role history, notification preferences and API tokens.
"""

import secrets
import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Lower-case letters and digits without look-alikes (0/o, 1/l): readable in a URL.
PUBLIC_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
PUBLIC_ID_LENGTH = 12


def new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Partecipante")
    CONTRIBUTOR = "contributor", _("Contributore")
    PROMOTER = "promoter", _("Promotore")


# The Django group that gives promoters the back office (Wagtail's "Can access Wagtail
# admin") and the library's page permissions; membership follows the role.
PROMOTERS_GROUP = "Promotori"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


# django-stubs cannot type the reverse manager of experiences.Experience, whose
# bases (modelcluster, Wagtail) are untyped.
class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[django-manager-missing]
    email = models.EmailField(_("indirizzo e-mail"), unique=True)
    first_name = models.CharField(_("nome"), max_length=150, blank=True)
    last_name = models.CharField(_("cognome"), max_length=150, blank=True)
    role = models.CharField(
        _("ruolo"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    language = models.CharField(
        _("lingua preferita"),
        max_length=8,
        choices=[("it", "Italiano"), ("en", "English")],
        default="it",
    )
    is_staff = models.BooleanField(
        _("staff"),
        default=False,
        help_text=_("Può accedere al back office."),
    )
    is_active = models.BooleanField(_("attivo"), default=True)
    date_joined = models.DateTimeField(_("iscritto il"), default=timezone.now)
    # The only identifier in public URLs: random, so that people cannot be enumerated.
    public_id = models.CharField(
        _("identificativo pubblico"),
        max_length=PUBLIC_ID_LENGTH,
        unique=True,
        default=new_public_id,
        editable=False,
    )
    joined_at = models.DateTimeField(
        _("adesione completata il"),
        null=True,
        blank=True,
        help_text=_("Data in cui la persona ha compilato il modulo di adesione."),
    )
    # Erased accounts stay as anonymous rows so that public acts keep an author.
    erased_at = models.DateTimeField(_("cancellato il"), null=True, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("persone")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown next to what a person wrote, also after erasure."""
        if self.erased_at:
            return str(_("Utente cancellato"))
        return self.get_full_name() or self.get_short_name()

    @property
    def has_joined(self) -> bool:
        return self.joined_at is not None

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email.split("@")[0]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Tutti")
    MEMBERS = "members", _("Solo chi è iscritto all'hub")
    PRIVATE = "private", _("Solo io")


class ActorKind(models.TextChoices):
    PUBLIC_ADMINISTRATION = "pa", _("Pubblica amministrazione")
    THIRD_SECTOR = "third_sector", _("Terzo Settore")
    UNIVERSITY = "university", _("Università e ricerca")
    COMPANY = "company", _("Impresa")
    INFORMAL_GROUP = "informal_group", _("Gruppo informale")
    CITIZEN = "citizen", _("Cittadina o cittadino")


class ParticipationMode(models.TextChoices):
    WORKING_AREAS = "working_areas", _("Discutere nelle aree di lavoro tematiche")
    TRAINING = "training", _("Partecipare a formazione ed eventi")
    SHARING = "sharing", _("Condividere esperienze e strumenti")
    CODESIGN = "codesign", _("Co-progettare con altri enti")
    HELPDESK = "helpdesk", _("Chiedere supporto allo sportello tecnico")
    CAMPAIGNS = "campaigns", _("Sostenere campagne e proposte")


def avatar_upload_to(instance: "Profile", filename: str) -> str:
    # A random name: the file says nothing about its owner and cannot be guessed.
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"accounts/avatars/{uuid.uuid4().hex}{suffix}"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
    )
    bio = models.TextField(_("presentazione"), max_length=2000, blank=True)
    avatar = models.ImageField(_("foto"), upload_to=avatar_upload_to, blank=True)
    actor_kind = models.CharField(
        _("partecipo come"), max_length=20, choices=ActorKind.choices, blank=True
    )
    municipality = models.ForeignKey(
        "territories.Municipality",
        verbose_name=_("comune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi di interesse"), blank=True, related_name="+"
    )
    participation = models.JSONField(
        _("come vuole partecipare"), default=list, blank=True
    )  # ParticipationMode values
    visibility = models.CharField(
        _("chi può vedere il profilo"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    bio_visibility = models.CharField(
        _("chi può vedere la presentazione"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    organisations_visibility = models.CharField(
        _("chi può vedere le organizzazioni"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    territory_visibility = models.CharField(
        _("chi può vedere il comune"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    themes_visibility = models.CharField(
        _("chi può vedere i temi"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    class Meta:
        verbose_name = _("profilo")
        verbose_name_plural = _("profili")

    def __str__(self) -> str:
        return str(self.user)


class ConsentKind(models.TextChoices):
    TERMS = "terms", _("Condizioni d'uso")
    PRIVACY = "privacy", _("Informativa privacy")
    NEWSLETTER = "newsletter", _("Newsletter")


class Consent(models.Model):
    """Append-only: the latest row of a kind is the person's current choice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=ConsentKind.choices)
    version = models.CharField(_("versione del testo"), max_length=20)
    given = models.BooleanField(_("dato"), help_text=_("Falso se il consenso è stato revocato."))
    created_at = models.DateTimeField(_("registrato il"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("indirizzo IP"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consenso")
        verbose_name_plural = _("consensi")
        indexes = [
            models.Index(fields=["user", "kind", "-created_at"], name="accounts_consent_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"


class ContributorRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("In attesa")
        APPROVED = "approved", _("Approvata")
        REFUSED = "refused", _("Rifiutata")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="contributor_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("richiesta da"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("per conto di"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("motivazione"), max_length=2000)
    status = models.CharField(
        _("stato"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    refusal_reason = models.TextField(_("motivo del rifiuto"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("richiesta il"), default=timezone.now)
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decisa da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("richiesta di diventare contributore")
        verbose_name_plural = _("richieste di diventare contributore")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="accounts_one_pending_contributor_request",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="accounts_contribreq_idx")]

    def __str__(self) -> str:
        return str(_("Richiesta di %(name)s") % {"name": self.user})


class RoleChange(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_changes"
    )
    old_role = models.CharField(_("ruolo precedente"), max_length=20, choices=Role.choices)
    new_role = models.CharField(_("nuovo ruolo"), max_length=20, choices=Role.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modificato da"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("motivo"), blank=True)
    created_at = models.DateTimeField(_("modificato il"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cambio di ruolo")
        verbose_name_plural = _("cambi di ruolo")

    def __str__(self) -> str:
        return f"{self.get_old_role_display()} → {self.get_new_role_display()}"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Subito")
    DAILY = "daily", _("Riepilogo giornaliero")
    WEEKLY = "weekly", _("Riepilogo settimanale")
    NEVER = "never", _("Mai")


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("tipo di notifica"), max_length=40)
    frequency = models.CharField(_("frequenza"), max_length=10, choices=Frequency.choices)

    class Meta:
        verbose_name = _("preferenza di notifica")
        verbose_name_plural = _("preferenze di notifica")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="accounts_notification_pref_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.get_frequency_display()}"


class QueuedNotification(models.Model):
    """A rendered message waiting for the person's daily or weekly digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    # Items of the same group (e.g. one discussion) are shown together in the digest.
    group_key = models.CharField(max_length=120, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["frequency", "user"], name="accounts_queued_notif_idx")]

    def __str__(self) -> str:
        return self.subject
