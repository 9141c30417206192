"""Experiences: the catalogue of participatory and co-design experiences.

An experience is a ``ClusterableModel`` so that its child records (organisations with
their role, testimonials, media) travel with it in every Wagtail revision: the back
office keeps and compares each version the author or a reviewer saved.
Derived columns (``regions``, ``provinces``, marker point, counters) are written by
``services`` only, so that lists and facets read them without joins or loops.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import RevisionMixin
from wagtail.search import index

from civichub.core.i18n import TranslatedField
from civichub.territories.models import Scale

SUMMARY_MAX_LENGTH = 280


class State(models.TextChoices):
    """Where the experience is in the editorial workflow."""

    DRAFT = "draft", _("Bozza")
    SUBMITTED = "submitted", _("In revisione")
    CHANGES_REQUESTED = "changes_requested", _("Modifiche richieste")
    PUBLISHED = "published", _("Pubblicata")
    REJECTED = "rejected", _("Respinta")


class Status(models.TextChoices):
    """Where the experience itself is in its life."""

    PLANNED = "planned", _("In programma")
    ONGOING = "ongoing", pgettext_lazy("experience status", "In corso")
    CONCLUDED = "concluded", pgettext_lazy("experience status", "Conclusa")


class Recruitment(models.TextChoices):
    OPEN = "open", _("Aperta a tutti")
    TARGETED = "targeted", _("Inviti mirati")
    RANDOM = "random", _("Selezione casuale (sorteggio)")
    STRATIFIED = "stratified", _("Sorteggio stratificato")
    REPRESENTATIVES = "representatives", _("Rappresentanti di organizzazioni")
    MIXED = "mixed", _("Modalità miste")


class BudgetBand(models.TextChoices):
    NONE = "none", _("Nessun budget dedicato")
    UP_TO_5K = "lt5k", _("Fino a 5.000 €")
    UP_TO_20K = "5k-20k", _("Da 5.000 a 20.000 €")
    UP_TO_50K = "20k-50k", _("Da 20.000 a 50.000 €")
    UP_TO_150K = "50k-150k", _("Da 50.000 a 150.000 €")
    UP_TO_500K = "150k-500k", _("Da 150.000 a 500.000 €")
    OVER_500K = "gt500k", _("Oltre 500.000 €")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/deed.it",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/deed.it",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.it",
}


class OrganisationRole(models.TextChoices):
    PROMOTER = "promoter", _("Promotore")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Finanziatore")
    FACILITATOR = "facilitator", _("Facilitatore")


class ExperienceQuerySet(models.QuerySet["Experience"]):
    def published(self) -> "ExperienceQuerySet":
        return self.filter(state=State.PUBLISHED)

    def visible_to(self, user: Any) -> "ExperienceQuerySet":
        """Published experiences; their own drafts for authors and accepted co-authors;
        everything for promoters. Drafts are invisible to anyone else."""
        from civichub.accounts.permissions import is_member, is_promoter

        if is_promoter(user):
            return self.all()
        if not is_member(user):
            return self.published()
        return self.filter(
            Q(state=State.PUBLISHED)
            | Q(author=user)
            | Q(pk__in=ExperienceCoauthor.objects.accepted().filter(user=user).values("experience"))
        )

    def editable_by(self, user: Any) -> "ExperienceQuerySet":
        from civichub.accounts.permissions import is_member

        if not is_member(user):
            return self.none()
        return self.filter(
            Q(author=user)
            | Q(pk__in=ExperienceCoauthor.objects.accepted().filter(user=user).values("experience"))
        )


class Experience(index.Indexed, RevisionMixin, ClusterableModel):
    # --- what -------------------------------------------------------------------------
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(
        _("in breve"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("Al massimo 280 caratteri: compare negli elenchi e nelle anteprime."),
    )
    summary_en = models.CharField(
        _("in breve (inglese)"), max_length=SUMMARY_MAX_LENGTH, blank=True
    )
    narrative = models.TextField(
        _("racconto"), blank=True, help_text=_("Contesto, obiettivi, come si è svolta.")
    )
    narrative_en = models.TextField(_("racconto (inglese)"), blank=True)

    # --- where ------------------------------------------------------------------------
    scale = models.CharField(_("scala"), max_length=20, choices=Scale.choices, db_index=True)
    municipalities = ParentalManyToManyField(
        "territories.Municipality",
        verbose_name=_("comuni"),
        blank=True,
        related_name="experiences",
    )
    # For provincial or regional scope without a list of comuni.
    province = models.ForeignKey(
        "territories.Province",
        verbose_name=_("provincia"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "territories.Region",
        verbose_name=_("regione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        _("latitudine"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitudine"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    # Derived from the territory by services: every region and province touched, and
    # the point shown on the map (the author's, else the first comune's centre).
    regions = models.ManyToManyField(
        "territories.Region", blank=True, related_name="experiences", editable=False
    )
    provinces = models.ManyToManyField(
        "territories.Province", blank=True, related_name="experiences", editable=False
    )
    marker_latitude = models.FloatField(null=True, blank=True, editable=False)
    marker_longitude = models.FloatField(null=True, blank=True, editable=False)

    # --- when -------------------------------------------------------------------------
    start_date = models.DateField(_("inizio"), null=True, blank=True)
    end_date = models.DateField(
        _("fine"), null=True, blank=True, help_text=_("Lascia vuoto se è ancora in corso.")
    )
    status = models.CharField(
        _("stato"), max_length=12, choices=Status.choices, default=Status.ONGOING, db_index=True
    )

    # --- how --------------------------------------------------------------------------
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="experiences"
    )
    methods = ParentalManyToManyField(
        "taxonomy.ParticipatoryMethod",
        verbose_name=_("metodi partecipativi"),
        blank=True,
        related_name="experiences",
    )
    iap2_level = models.ForeignKey(
        "taxonomy.IAP2Level",
        verbose_name=_("livello di partecipazione (IAP2)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup",
        verbose_name=_("destinatari"),
        blank=True,
        related_name="experiences",
    )
    participants_count = models.PositiveIntegerField(
        _("numero di partecipanti"), null=True, blank=True
    )
    recruitment = models.CharField(
        _("come sono stati coinvolti i partecipanti"),
        max_length=20,
        choices=Recruitment.choices,
        blank=True,
    )
    recruitment_notes = models.TextField(_("note sul coinvolgimento"), blank=True)
    budget_band = models.CharField(
        _("budget"), max_length=12, choices=BudgetBand.choices, blank=True
    )
    funding_sources = models.CharField(
        _("fonti di finanziamento"),
        max_length=300,
        blank=True,
        help_text=_("Ad esempio: fondi comunali, bando regionale, fondazione bancaria, PNRR."),
    )

    # --- results ----------------------------------------------------------------------
    outcomes = models.TextField(
        _("risultati e impatto"), blank=True, help_text=_("Che cosa è cambiato grazie al percorso.")
    )
    outcomes_en = models.TextField(_("risultati e impatto (inglese)"), blank=True)
    evidence = models.TextField(
        _("evidenze"),
        blank=True,
        help_text=_("Dati, atti approvati, indicatori che documentano i risultati."),
    )
    has_evaluation = models.BooleanField(_("è stata valutata"), default=False, db_index=True)
    evaluation_report = models.FileField(
        _("rapporto di valutazione (PDF)"),
        upload_to="experiences/evaluations/",
        blank=True,
    )
    lessons = models.TextField(_("lezioni apprese"), blank=True)
    lessons_en = models.TextField(_("lezioni apprese (inglese)"), blank=True)
    replicability = models.TextField(
        _("replicabilità"),
        blank=True,
        help_text=_("Condizioni e suggerimenti per ripetere l'esperienza altrove."),
    )

    # --- contacts, licence, relations -------------------------------------------------
    contact_name = models.CharField(_("referente"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail del referente"), blank=True)
    website = models.URLField(_("sito web"), blank=True)
    licence = models.CharField(
        _("licenza dei contenuti"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    related_experiences = models.ManyToManyField(
        "self", verbose_name=_("esperienze collegate"), blank=True, symmetrical=False
    )
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replica di"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
    )

    # --- workflow ---------------------------------------------------------------------
    state = models.CharField(
        _("stato redazionale"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="experiences",
    )
    review_comment = models.TextField(_("nota della revisione"), blank=True)
    created_at = models.DateTimeField(_("creata il"), default=timezone.now)
    updated_at = models.DateTimeField(_("aggiornata il"), default=timezone.now)
    submitted_at = models.DateTimeField(_("inviata il"), null=True, blank=True)
    published_at = models.DateTimeField(_("pubblicata il"), null=True, blank=True, db_index=True)

    # --- counters (written by services) -----------------------------------------------
    replication_count = models.PositiveIntegerField(_("repliche"), default=0, editable=False)
    useful_yes = models.PositiveIntegerField(default=0, editable=False)
    useful_no = models.PositiveIntegerField(default=0, editable=False)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="experience")

    objects = ExperienceQuerySet.as_manager()

    tr_title = TranslatedField("title", "title_en")
    tr_summary = TranslatedField("summary", "summary_en")
    tr_narrative = TranslatedField("narrative", "narrative_en")
    tr_outcomes = TranslatedField("outcomes", "outcomes_en")
    tr_lessons = TranslatedField("lessons", "lessons_en")

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("title_en", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("summary_en"),
        index.SearchField("narrative"),
        index.SearchField("outcomes"),
        index.SearchField("lessons"),
        index.FilterField("state"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("esperienza")
        verbose_name_plural = _("esperienze")
        indexes = [
            models.Index(fields=["state", "-published_at"], name="exp_state_published_idx"),
            models.Index(fields=["state", "-replication_count"], name="exp_state_replicas_idx"),
            models.Index(fields=["state", "status"], name="exp_state_status_idx"),
            models.Index(fields=["state", "scale"], name="exp_state_scale_idx"),
            models.Index(fields=["state", "start_date"], name="exp_state_start_idx"),
            models.Index(fields=["state", "submitted_at"], name="exp_review_queue_idx"),
            models.Index(fields=["author", "state"], name="exp_author_state_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experiences:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(Licence(self.licence), "")


class ExperienceOrganisation(models.Model):
    """An organisation involved in an experience, with its role."""

    experience = ParentalKey(Experience, on_delete=models.CASCADE, related_name="organisations")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organizzazione"),
        on_delete=models.CASCADE,
        related_name="experience_roles",
    )
    role = models.CharField(
        _("ruolo"),
        max_length=12,
        choices=OrganisationRole.choices,
        default=OrganisationRole.PARTNER,
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("organizzazione coinvolta")
        verbose_name_plural = _("organizzazioni coinvolte")
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "organisation", "role"], name="exp_org_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Testimonial(models.Model):
    """A short quote from someone involved."""

    experience = ParentalKey(Experience, on_delete=models.CASCADE, related_name="testimonials")
    quote = models.TextField(_("testimonianza"), max_length=600)
    quote_en = models.TextField(_("testimonianza (inglese)"), max_length=600, blank=True)
    person_name = models.CharField(_("nome"), max_length=120)
    role = models.CharField(_("ruolo"), max_length=120, blank=True)
    organisation_name = models.CharField(_("organizzazione"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    tr_quote = TranslatedField("quote", "quote_en")

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("testimonianza")
        verbose_name_plural = _("testimonianze")

    def __str__(self) -> str:
        return self.person_name


class ExperienceImage(models.Model):
    experience = ParentalKey(Experience, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("immagine"), upload_to="experiences/images/")
    alt_text = models.CharField(
        _("testo alternativo"),
        max_length=250,
        help_text=_("Descrive l'immagine a chi non può vederla. Obbligatorio."),
    )
    caption = models.CharField(_("didascalia"), max_length=250, blank=True)
    credit = models.CharField(_("credito"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("immagine")
        verbose_name_plural = _("immagini")

    def __str__(self) -> str:
        return self.alt_text


class ExperienceDocument(models.Model):
    experience = ParentalKey(Experience, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titolo"), max_length=200)
    file = models.FileField(_("file (PDF)"), upload_to="experiences/documents/")
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("documento")
        verbose_name_plural = _("documenti")

    def __str__(self) -> str:
        return self.title


class ExperienceLink(models.Model):
    class Kind(models.TextChoices):
        LINK = "link", _("Collegamento")
        VIDEO = "video", _("Video")

    experience = ParentalKey(Experience, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("titolo"), max_length=200)
    url = models.URLField(_("indirizzo"))
    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices, default=Kind.LINK)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("collegamento")
        verbose_name_plural = _("collegamenti")

    def __str__(self) -> str:
        return self.title


class ExperienceCoauthorQuerySet(models.QuerySet["ExperienceCoauthor"]):
    def accepted(self) -> "ExperienceCoauthorQuerySet":
        return self.filter(accepted_at__isnull=False)


class ExperienceCoauthor(models.Model):
    """A person from a partner organisation invited to edit the experience."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="coauthors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coauthored_experiences"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = ExperienceCoauthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("coautore")
        verbose_name_plural = _("coautori")
        constraints = [
            models.UniqueConstraint(fields=["experience", "user"], name="exp_coauthor_unique")
        ]
        indexes = [models.Index(fields=["user", "accepted_at"], name="exp_coauthor_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.experience}"


class ReviewAction(models.TextChoices):
    SUBMITTED = "submitted", _("Inviata in revisione")
    APPROVED = "approved", _("Approvata e pubblicata")
    CHANGES_REQUESTED = "changes_requested", _("Modifiche richieste")
    REJECTED = "rejected", _("Respinta")
    WITHDRAWN = "withdrawn", _("Ritirata dalla revisione")
    UNPUBLISHED = "unpublished", _("Ritirata dalla pubblicazione")


class ExperienceReview(models.Model):
    """One step of the editorial workflow, shown to the author with its comment."""

    experience = ParentalKey(Experience, on_delete=models.CASCADE, related_name="reviews")
    action = models.CharField(_("azione"), max_length=20, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("commento"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("passaggio di revisione")
        verbose_name_plural = _("passaggi di revisione")

    def __str__(self) -> str:
        return f"{self.experience}: {self.get_action_display()}"


class ExperienceFeedback(models.Model):
    """«È stata utile?»: one answer per person, or per browser for visitors."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    visitor_key = models.CharField(max_length=64, blank=True)
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commento"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("riscontro")
        verbose_name_plural = _("riscontri")
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "user"],
                condition=Q(user__isnull=False),
                name="exp_feedback_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["experience", "visitor_key"],
                condition=Q(user__isnull=True),
                name="exp_feedback_one_per_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.experience}: {'+' if self.useful else '-'}"


@register_setting(icon="site")
class ExperienceSettings(BaseGenericSetting):
    """How this hub runs its catalogue."""

    participants_may_contribute = models.BooleanField(
        _("anche i partecipanti possono proporre esperienze"),
        default=False,
        help_text=_(
            "Se disattivato, solo i contributori e i promotori possono proporre nuove esperienze."
        ),
    )
    default_licence = models.CharField(
        _("licenza predefinita"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )

    class Meta:
        verbose_name = _("impostazioni delle esperienze")
