"""Organisations: public administrations, third-sector bodies (RUNTS), universities…"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    PUBLIC_ADMINISTRATION = "pa", _("Pubblica amministrazione")
    THIRD_SECTOR = "ets", _("Ente del Terzo Settore")
    UNIVERSITY = "university", _("Università e ricerca")
    COMPANY = "company", _("Impresa")
    FOUNDATION = "foundation", _("Fondazione")
    INFORMAL_GROUP = "informal", _("Gruppo informale")


class PublicAdministrationKind(models.TextChoices):
    MUNICIPALITY = "comune", _("Comune")
    UNION_OF_MUNICIPALITIES = "unione_comuni", _("Unione di comuni")
    PROVINCE = "provincia", _("Provincia o città metropolitana")
    REGION = "regione", _("Regione")
    MINISTRY = "ministero", _("Ministero o agenzia nazionale")
    HEALTH = "sanita", _("Azienda sanitaria (ASL)")
    SCHOOL = "scuola", _("Scuola")
    OTHER = "altro", _("Altra amministrazione")


class RuntsSection(models.TextChoices):
    """Sections of the Registro Unico Nazionale del Terzo Settore (art. 46 CTS)."""

    ODV = "odv", _("Organizzazione di volontariato (ODV)")
    APS = "aps", _("Associazione di promozione sociale (APS)")
    PHILANTHROPIC = "filantropico", _("Ente filantropico")
    SOCIAL_ENTERPRISE = "impresa_sociale", _("Impresa sociale, incluse le cooperative sociali")
    NETWORK = "rete_associativa", _("Rete associativa")
    MUTUAL_AID = "mutuo_soccorso", _("Società di mutuo soccorso")
    OTHER = "altri_ets", _("Altro ente del Terzo Settore")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def public(self) -> "OrganisationQuerySet":
        return self.filter(is_public=True)

    def visible_to(self, user: Any) -> "OrganisationQuerySet":
        """Public organisations, plus those the user belongs to; promoters see all."""
        from civichub.accounts.permissions import is_member, is_promoter

        if is_promoter(user):
            return self.all()
        if not is_member(user):
            return self.public()
        mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        return self.filter(Q(is_public=True) | Q(pk__in=mine.values("organisation_id")))


class Organisation(models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(_("nome"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices, db_index=True)
    pa_kind = models.CharField(
        _("tipo di amministrazione"),
        max_length=20,
        choices=PublicAdministrationKind.choices,
        blank=True,
    )
    runts_section = models.CharField(
        _("sezione RUNTS"), max_length=20, choices=RuntsSection.choices, blank=True
    )
    runts_number = models.CharField(_("numero di iscrizione al RUNTS"), max_length=30, blank=True)
    ipa_code = models.CharField(_("codice IPA"), max_length=20, blank=True)
    # Codice fiscale (11 digits for bodies, or 16 characters) or partita IVA; NULL
    # when unknown so that the unique constraint ignores organisations without one.
    tax_code = models.CharField(
        _("codice fiscale o partita IVA"), max_length=16, null=True, blank=True, unique=True
    )
    summary = models.CharField(_("in breve"), max_length=280, blank=True)
    description = models.TextField(_("descrizione"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/logos/", blank=True)
    website = models.URLField(_("sito web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefono"), max_length=40, blank=True)
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "territories.Municipality",
        verbose_name=_("sede (comune)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    # Denormalised from the seat so that the directory filters by region without joins.
    region = models.ForeignKey(
        "territories.Region",
        verbose_name=_("regione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    operating_regions = models.ManyToManyField(
        "territories.Region",
        verbose_name=_("regioni in cui opera"),
        blank=True,
        related_name="operating_organisations",
    )
    operating_municipalities = models.ManyToManyField(
        "territories.Municipality",
        verbose_name=_("comuni in cui opera"),
        blank=True,
        related_name="operating_organisations",
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="organisations"
    )
    competences = models.TextField(
        _("competenze"), blank=True, help_text=_("Che cosa sa fare l'organizzazione.")
    )
    is_contributor = models.BooleanField(_("organizzazione contributrice"), default=False)
    is_verified = models.BooleanField(_("verificata"), default=False)
    is_public = models.BooleanField(
        _("visibile nella rubrica"),
        default=True,
        help_text=_(
            "Se disattivato, la scheda è visibile solo ai membri dell'organizzazione e ai "
            "promotori dell'hub."
        ),
    )
    created_at = models.DateTimeField(_("creata il"), default=timezone.now)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organizzazione")
        verbose_name_plural = _("organizzazioni")
        indexes = [
            models.Index(fields=["name"], name="org_name_idx"),
            models.Index(fields=["kind", "name"], name="org_kind_name_idx"),
            models.Index(fields=["region", "name"], name="org_region_name_idx"),
            models.Index(fields=["is_contributor", "name"], name="org_contributor_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Amministratore")
        MEMBER = "member", _("Membro")

    class Status(models.TextChoices):
        PENDING = "pending", _("In attesa di approvazione")
        ACTIVE = "active", pgettext_lazy("membership status", "Attiva")
        REFUSED = "refused", _("Rifiutata")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("ruolo"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("stato"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("richiesta il"), default=timezone.now)
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appartenenza")
        verbose_name_plural = _("appartenenze")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisations_membership_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="org_membership_status_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"


class ContributorApplication(models.Model):
    """An organisation's request to become a contributor organisation, decided by promoters."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In attesa di decisione")
        APPROVED = "approved", _("Approvata")
        REFUSED = "refused", _("Rifiutata")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizzazione"),
        on_delete=models.CASCADE,
        related_name="contributor_applications",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presentata da"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("motivazione"))
    status = models.CharField(
        _("stato"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("presentata il"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decisa da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)
    reason = models.TextField(_("motivazione della decisione"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("candidatura a organizzazione contributrice")
        verbose_name_plural = _("candidature a organizzazione contributrice")
        constraints = [
            # One open application at a time: a second would only duplicate the queue.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status="pending"),
                name="org_one_pending_contributor_application",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="org_application_queue_idx")]

    def __str__(self) -> str:
        return str(self.organisation)
