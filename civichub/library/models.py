"""The knowledge library: resources of seven kinds as Wagtail pages under /strumenti/.

``ResourcePage`` is concrete and holds what every kind shares (the catalogue, facets,
API and search read only its table); each kind is a page type inheriting from it with
the fields its page needs. Podcast episodes live under their series, everything else
directly under the library index. Editors and promoters publish through Wagtail's
moderation workflow; contributors propose from the site (``services.resource_propose``).
"""

import re
import uuid
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from civichub.cms.blocks import RICH_TEXT_FEATURES
from civichub.cms.models import TranslatedPage
from civichub.core.i18n import TranslatedField
from civichub.experiences.models import LICENCE_URLS, Licence
from civichub.experiences.models import State as ExperienceState
from civichub.taxonomy.models import audiences_of

from .blocks import GuideBlock, HeadingBlock, StepBlock

SUMMARY_MAX_LENGTH = 300
EPISODES_PER_PAGE = 20
# Paths of library/urls.py under /strumenti/: no resource may take them as its slug.
RESERVED_SLUGS = frozenset({"proponi", "mie", "file", "utile", "feed", "pdf"})
# Ids that the guide page's own sections use: a heading anchor never takes them.
GUIDE_PAGE_IDS = frozenset(
    {"main-content", "main-menu", "main-navigation", "page-footer", "user-menu-toggle",
     "resource-title", "indice", "indice-titolo", "scheda", "scheda-titolo", "file",
     "file-titolo", "citazione", "citazione-titolo", "citazione-testo", "correlati",
     "correlati-titolo", "riscontro", "riscontro-titolo", "riscontro-corpo",
     "riscontro-comment", "condividi-titolo"}
)  # fmt: skip


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guida operativa")
    DOCUMENT = "document", _("Documento o analisi")
    WEBINAR = "webinar", _("Webinar")
    PODCAST = "podcast", _("Episodio podcast")
    TOOLKIT = "toolkit", _("Kit e modelli")
    METHOD = "method", _("Scheda metodo")
    CASE_STUDY = "case_study", _("Caso di studio")


# The ?tipo= values of the catalogue, in Italian like every public query string.
KIND_SLUGS = {
    ResourceKind.GUIDE: "guida",
    ResourceKind.DOCUMENT: "documento",
    ResourceKind.WEBINAR: "webinar",
    ResourceKind.PODCAST: "podcast",
    ResourceKind.TOOLKIT: "kit",
    ResourceKind.METHOD: "metodo",
    ResourceKind.CASE_STUDY: "caso-studio",
}


class Phase(models.TextChoices):
    """The phase of a co-design process a resource helps with."""

    ANALYSIS = "analysis", _("Analisi dei bisogni")
    DESIGN = "design", _("Progettazione")
    IMPLEMENTATION = "implementation", _("Attuazione")
    EVALUATION = "evaluation", _("Valutazione")


PHASE_SLUGS = {
    Phase.ANALYSIS: "analisi",
    Phase.DESIGN: "progettazione",
    Phase.IMPLEMENTATION: "attuazione",
    Phase.EVALUATION: "valutazione",
}


class Level(models.TextChoices):
    INTRODUCTORY = "intro", _("Introduttivo")
    ADVANCED = "advanced", _("Avanzato")


LEVEL_SLUGS = {Level.INTRODUCTORY: "base", Level.ADVANCED: "avanzato"}


class Language(models.TextChoices):
    ITALIAN = "it", _("Italiano")
    ENGLISH = "en", _("Inglese")
    FRENCH = "fr", _("Francese")
    GERMAN = "de", _("Tedesco")
    SPANISH = "es", _("Spagnolo")


class CostBand(models.TextChoices):
    FREE = "free", _("Nessun costo")
    LOW = "low", _("Basso (fino a 1.000 €)")
    MEDIUM = "medium", _("Medio (1.000–10.000 €)")
    HIGH = "high", _("Alto (oltre 10.000 €)")


class LibraryIndexPage(TranslatedPage):
    """/strumenti/: one per site. Its intro and featured resources appear above the
    catalogue, which ``views.catalogue`` renders (the page's own URL is that view)."""

    intro = models.TextField(_("introduzione"), max_length=600, blank=True)
    intro_en = models.TextField(_("introduzione (inglese)"), max_length=600, blank=True)

    tr_intro = TranslatedField("intro", "intro_en")

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = [
        "library.GuidePage",
        "library.DocumentPage",
        "library.WebinarPage",
        "library.ToolkitPage",
        "library.MethodSheetPage",
        "library.CaseStudyPage",
        "library.PodcastSeriesPage",
        "library.CollectionPage",
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        InlinePanel(
            "featured_items",
            label=_("Strumenti in evidenza"),
            max_num=6,
            help_text=_("Mostrati in cima alla pagina Strumenti, nell'ordine scelto."),
        ),
    ]

    class Meta:
        verbose_name = _("pagina Strumenti")

    def serve(self, request: HttpRequest, *args, **kwargs):
        from .views.catalogue import resource_catalogue

        return resource_catalogue(request, index=self)


class FeaturedResource(Orderable):
    index = ParentalKey(LibraryIndexPage, on_delete=models.CASCADE, related_name="featured_items")
    resource = models.ForeignKey(
        "library.ResourcePage",
        verbose_name=_("strumento"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        verbose_name = _("strumento in evidenza")


class ResourcePage(TranslatedPage):
    """What every resource shares. Not creatable itself: editors pick a kind."""

    kind = models.CharField(
        _("tipo"), max_length=20, choices=ResourceKind.choices, editable=False, db_index=True
    )
    summary = models.TextField(_("sommario"), max_length=SUMMARY_MAX_LENGTH)
    summary_en = models.TextField(
        _("sommario (inglese)"), max_length=SUMMARY_MAX_LENGTH, blank=True
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("immagine di copertina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Il testo alternativo è la descrizione dell'immagine nella libreria."),
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="resources"
    )
    methods = ParentalManyToManyField(
        "taxonomy.ParticipatoryMethod",
        verbose_name=_("metodi"),
        blank=True,
        related_name="resources",
    )
    phase = models.CharField(
        _("fase della co-progettazione"),
        max_length=20,
        choices=Phase.choices,
        blank=True,
        db_index=True,
        help_text=_("Lascia vuoto se lo strumento serve in tutte le fasi."),
    )
    for_public_bodies = models.BooleanField(_("per pubbliche amministrazioni"), default=False)
    for_third_sector = models.BooleanField(_("per il Terzo Settore"), default=False)
    for_citizens = models.BooleanField(_("per i cittadini"), default=False)
    for_facilitators = models.BooleanField(_("per i facilitatori"), default=False)
    level = models.CharField(
        _("livello"), max_length=10, choices=Level.choices, default=Level.INTRODUCTORY
    )
    language = models.CharField(
        _("lingua"), max_length=2, choices=Language.choices, default=Language.ITALIAN
    )
    licence = models.CharField(
        _("licenza"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    authors = models.CharField(
        _("autori"),
        max_length=255,
        blank=True,
        help_text=_("Nomi separati da virgole, come devono comparire nella citazione."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organizzazione che contribuisce"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    publication_date = models.DateField(_("data di pubblicazione"), default=timezone.localdate)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposto da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_resources",
        editable=False,
    )
    # Counters, moved only with F() by engagement.py.
    useful_yes = models.PositiveIntegerField(default=0, editable=False)
    useful_no = models.PositiveIntegerField(default=0, editable=False)
    download_count = models.PositiveIntegerField(default=0, editable=False)

    tr_summary = TranslatedField("summary", "summary_en")

    # Each kind sets its own; ``save`` copies it to the indexed ``kind`` column.
    resource_kind: str = ""
    is_creatable = False
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
    ]
    metadata_panels = [
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("cover"),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("methods"),
                FieldPanel("phase"),
                FieldRowPanel(
                    [
                        FieldPanel("for_public_bodies"),
                        FieldPanel("for_third_sector"),
                        FieldPanel("for_citizens"),
                        FieldPanel("for_facilitators"),
                    ],
                    heading=_("Destinatari"),
                ),
                FieldRowPanel([FieldPanel("level"), FieldPanel("language")]),
            ],
            heading=_("Classificazione"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("organisation"),
                FieldPanel("publication_date"),
                FieldPanel("licence"),
            ],
            heading=_("Autori e licenza"),
        ),
    ]
    files_panel = InlinePanel("files", label=_("File da scaricare"))

    class Meta:
        verbose_name = _("strumento")
        verbose_name_plural = _("strumenti")
        indexes = [
            models.Index(fields=["-publication_date", "-page_ptr"], name="library_res_date_idx"),
        ]

    def save(self, *args, **kwargs):
        if self.resource_kind:
            self.kind = self.resource_kind
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("«%(slug)s» è un indirizzo riservato: scegline un altro.")
                    % {"slug": self.slug}
                }
            )

    @property
    def kind_slug(self) -> str:
        return KIND_SLUGS.get(ResourceKind(self.kind), "") if self.kind else ""

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(Licence(self.licence), "")

    @property
    def audiences(self) -> list[tuple[str, str]]:
        """(slug, label) of each audience the resource is meant for."""
        return audiences_of(self)

    @property
    def phase_slug(self) -> str:
        return PHASE_SLUGS.get(Phase(self.phase), "") if self.phase else ""

    @property
    def level_slug(self) -> str:
        return LEVEL_SLUGS.get(Level(self.level), "") if self.level else ""

    def citation(self, publisher: str, url: str = "") -> str:
        """«Come citare»: authors (or the organisation), year, title, publisher,
        address (``url``, else the site's) and licence."""
        organisation = self.organisation.name if self.organisation else ""
        who = self.authors or organisation or publisher
        parts = [f"{who} ({self.publication_date:%Y}).", f"{self.tr_title}."]
        if organisation and organisation != who:
            parts.append(f"{organisation}.")
        if publisher != who:
            parts.append(f"{publisher}.")
        url = url or self.full_url or ""
        if url:
            parts.append(url)
        parts.append(f"({self.get_licence_display()})")
        return " ".join(parts)

    # Written outside revisions (counters by engagement.py, derivatives by tasks.py):
    # each revision carries stale copies, so the page row's values are kept instead.
    row_fields: tuple[str, ...] = ("useful_yes", "useful_no", "download_count")

    def with_content_json(self, content):
        """A revision as a page, with the row-owned fields read from the database (not
        from ``self``: Wagtail publishes with the instance that made the revision)."""
        obj = super().with_content_json(content)
        row = type(self).objects.filter(pk=self.pk).values(*self.row_fields).first()
        for name, value in (row or {}).items():
            setattr(obj, name, value)
        counts = dict(
            ResourceFile.objects.filter(resource_id=self.pk).values_list("pk", "download_count")
        )
        for file in obj.files.all():
            file.download_count = counts.get(file.pk, 0)
        return obj

    def related_resources(self, theme_ids: list[int]) -> list["ResourcePage"]:
        """At most three live, public resources of the same kind or sharing a theme,
        newest first, as cards."""
        from .selectors import public_resources, resource_cards

        same = models.Q(kind=self.kind)
        if theme_ids:
            same |= models.Q(themes__in=theme_ids)
        candidates = (
            public_resources()
            .filter(same)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-publication_date", "-pk")
        )
        return resource_cards(candidates[:3])

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """What every kind's page shows: the metadata box, files, related resources,
        sharing and «È stato utile?» (only on the live page, never in previews)."""
        from django.urls import reverse

        from civichub.cms.models import HubSettings

        from .views.engagement import feedback_context

        context = super().get_context(request, *args, **kwargs)
        hub_name = HubSettings.load(request_or_site=request).name or settings.WAGTAIL_SITE_NAME
        themes = list(self.themes.all())
        organisation = self.organisation if self.organisation_id else None
        live = self.live and not getattr(request, "is_preview", False)
        url = self.get_url(request)
        absolute_url = request.build_absolute_uri(url) if url else ""
        context.update(
            themes=themes,
            methods=list(self.methods.all()),
            files=list(self.files.select_related("document")),
            organisation=organisation,
            related=self.related_resources([theme.pk for theme in themes]),
            catalogue_url=reverse("library:index"),
            share_url=absolute_url if live else "",
            citation=self.citation(hub_name, absolute_url),
            live_resource=live,
        )
        if live:
            context.update(feedback_context(request, self, form=kwargs.get("feedback_form")))
        return context


class ResourceFile(Orderable):
    """A downloadable file of a resource; downloads go through ``library:download``
    so that they are counted."""

    resource = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("titolo"), max_length=160, blank=True)
    title_en = models.CharField(_("titolo (inglese)"), max_length=160, blank=True)
    download_count = models.PositiveIntegerField(default=0, editable=False)

    tr_title = TranslatedField("title", "title_en")

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("title_en")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("file")

    @property
    def extension(self) -> str:
        return PurePosixPath(self.document.file.name).suffix.lstrip(".").upper()


class ResourceFeedback(models.Model):
    """«È stato utile?»: one answer per person, or per browser for visitors."""

    resource = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    visitor_key = models.CharField(max_length=64, blank=True)
    useful = models.BooleanField(_("utile"))
    comment = models.TextField(_("commento"), blank=True)
    created_at = models.DateTimeField(_("data"), auto_now_add=True)

    class Meta:
        verbose_name = _("risposta «È stato utile?»")
        verbose_name_plural = _("risposte «È stato utile?»")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "user"],
                condition=models.Q(user__isnull=False),
                name="library_feedback_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["resource", "visitor_key"],
                condition=~models.Q(visitor_key=""),
                name="library_feedback_one_per_visitor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} · {'sì' if self.useful else 'no'}"


# --- the seven kinds ---------------------------------------------------------------------------


class GuidePage(RoutablePageMixin, ResourcePage):
    """A structured guide with a table of contents and a PDF generated from the page."""

    body = StreamField(GuideBlock(), verbose_name=_("testo"))
    body_en = StreamField(GuideBlock(), verbose_name=_("testo (inglese)"), blank=True)

    tr_body = TranslatedField("body", "body_en")
    resource_kind = ResourceKind.GUIDE
    is_creatable = True

    search_fields = [*ResourcePage.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("body"),
        FieldPanel("body_en"),
        ResourcePage.files_panel,
    ]

    class Meta:
        verbose_name = _("guida operativa")
        verbose_name_plural = _("guide operative")

    @path("pdf/", name="pdf")
    def pdf(self, request: HttpRequest):
        from .media import guide_pdf_response

        return guide_pdf_response(self, request)

    def outline(self) -> list[tuple[Any, str]]:
        """Each block of the body in the current language with its anchor: a unique
        id for headings (a repeated title gets ``-2``…), "" for other blocks."""
        seen = dict.fromkeys(GUIDE_PAGE_IDS, 1)
        blocks = []
        for block in self.tr_body:
            anchor = ""
            if block.block_type == "heading":
                anchor = HeadingBlock.anchor(block.value)
                seen[anchor] = seen.get(anchor, 0) + 1
                if seen[anchor] > 1:
                    anchor = f"{anchor}-{seen[anchor]}"
            blocks.append((block, anchor))
        return blocks

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        outline = self.outline()
        context.update(
            body_blocks=outline,
            table_of_contents=[
                (anchor, block.value["text"], block.value["level"])
                for block, anchor in outline
                if anchor
            ],
            # The route serves live guides only: previews have no PDF link.
            pdf_url=self.url + self.reverse_subpage("pdf")
            if context["live_resource"] and self.url
            else "",
        )
        return context


class DocumentPage(RoutablePageMixin, ResourcePage):
    """A document or analysis (PDF): its first page is shown as a preview and its text
    is extracted for the search, both by a task after each publish."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("documento PDF"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = RichTextField(_("descrizione"), features=RICH_TEXT_FEATURES, blank=True)
    description_en = RichTextField(
        _("descrizione (inglese)"), features=RICH_TEXT_FEATURES, blank=True
    )
    preview = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("anteprima della prima pagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    page_count = models.PositiveIntegerField(_("pagine"), null=True, blank=True, editable=False)
    extracted_text = models.TextField(blank=True, editable=False)
    # The document whose preview and text are stored: a new file means new derivatives.
    derived_from = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    tr_description = TranslatedField("description", "description_en")
    # The derivatives of the current file; the task recomputes them for a new file.
    row_fields = (
        *ResourcePage.row_fields, "preview_id", "page_count", "extracted_text", "derived_from_id"
    )  # fmt: skip
    resource_kind = ResourceKind.DOCUMENT
    is_creatable = True

    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("description"),
        index.SearchField("extracted_text"),
    ]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("document"),
        FieldPanel("description"),
        FieldPanel("description_en"),
        ResourcePage.files_panel,
    ]

    class Meta:
        verbose_name = _("documento o analisi")
        verbose_name_plural = _("documenti e analisi")

    @path("scarica/", name="download")
    def download(self, request: HttpRequest):
        """Count a download of the document and send the browser to it."""
        from django.http import HttpResponseRedirect

        from .engagement import resource_download_count

        if request.method == "GET":
            resource_download_count(resource=self)
        response = HttpResponseRedirect(self.document.url)
        response["Cache-Control"] = "no-store"
        return response

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # Previews link the file itself: the counting route serves live pages only.
        context["download_url"] = (
            self.url + self.reverse_subpage("download")
            if context["live_resource"] and self.url
            else self.document.url
        )
        return context

    def serializable_data(self) -> dict:
        # The extracted text (up to 200,000 characters) is derived from the file: it
        # stays on the page row rather than in every revision.
        data = super().serializable_data()
        data.pop("extracted_text", None)
        return data


class WebinarPage(ResourcePage):
    """A webinar recording: an embedded video (YouTube or Vimeo, privacy-enhanced) or a
    video file with captions, the transcript, slides and speakers."""

    video_url = models.URLField(
        _("indirizzo del video"),
        blank=True,
        help_text=_("YouTube o Vimeo; il video si carica solo quando il visitatore lo avvia."),
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file video (MP4 o WebM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("sottotitoli (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_on = models.DateField(_("data di registrazione"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(
        _("durata (minuti)"), null=True, blank=True, validators=[MaxValueValidator(1440)]
    )
    description = RichTextField(_("descrizione"), features=RICH_TEXT_FEATURES, blank=True)
    transcript = models.TextField(
        _("trascrizione"),
        blank=True,
        help_text=_("Il testo integrale: rende il webinar accessibile e ricercabile."),
    )

    resource_kind = ResourceKind.WEBINAR
    is_creatable = True

    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("description"),
        index.SearchField("transcript"),
    ]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("video_file"),
                FieldPanel("captions"),
                FieldPanel("slides"),
                FieldRowPanel([FieldPanel("recorded_on"), FieldPanel("duration_minutes")]),
            ],
            heading=_("Registrazione"),
        ),
        FieldPanel("description"),
        InlinePanel("speakers", label=_("Relatori")),
        FieldPanel("transcript"),
        ResourcePage.files_panel,
    ]

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinar")

    @property
    def video_embed(self) -> dict[str, str] | None:
        """The privacy-enhanced player of ``video_url`` (YouTube without cookies, Vimeo
        with Do Not Track), or None for an address of another site."""
        return video_embed(self.video_url)

    def clean(self) -> None:
        super().clean()
        if not self.video_url and not self.video_file_id:
            raise ValidationError(
                {"video_url": _("Indica l'indirizzo del video o carica il file video.")}
            )


_YOUTUBE_ID = re.compile(r"^[\w-]{6,20}$")


def video_embed(url: str) -> dict[str, str] | None:
    """``{"provider", "embed_url", "watch_url"}`` for a YouTube or Vimeo address."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if segments[:1] == ["watch"]:
            video_id = query.get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video_id = segments[1]
    elif host == "youtu.be" and segments:
        video_id = segments[0]
    if video_id:
        if not _YOUTUBE_ID.match(video_id):
            return None
        return {
            "provider": "YouTube",
            "embed_url": f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0",
            "watch_url": f"https://www.youtube.com/watch?v={video_id}",
        }
    if host in ("vimeo.com", "player.vimeo.com"):
        numbers = [s for s in segments if s.isdigit()]
        if not numbers:
            return None
        vimeo_id = numbers[0]
        # Unlisted videos carry a hash: /123/abcdef or ?h=abcdef.
        after = segments[segments.index(vimeo_id) + 1 :]
        private_hash = query.get("h", [after[0] if after and after[0].isalnum() else ""])[0]
        params = {"dnt": "1", "autoplay": "1"}
        if private_hash.isalnum():
            params["h"] = private_hash
        return {
            "provider": "Vimeo",
            "embed_url": f"https://player.vimeo.com/video/{vimeo_id}?{urlencode(params)}",
            "watch_url": f"https://vimeo.com/{vimeo_id}"
            + (f"/{params['h']}" if "h" in params else ""),
        }
    return None


class Speaker(Orderable):
    webinar = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nome"), max_length=120)
    role = models.CharField(_("ruolo e organizzazione"), max_length=200, blank=True)
    bio = models.TextField(_("biografia"), max_length=600, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio")]

    class Meta(Orderable.Meta):
        verbose_name = _("relatore")
        verbose_name_plural = _("relatori")


class PodcastCategory(models.TextChoices):
    """Apple Podcasts categories that fit a civic hub (the names are Apple's)."""

    EDUCATION = "Education", _("Formazione")
    GOVERNMENT = "Government", _("Pubblica amministrazione")
    SOCIETY = "Society & Culture", _("Società e cultura")
    NEWS = "News", _("Attualità")


class PodcastSeriesPage(RoutablePageMixin, TranslatedPage):
    """A podcast: its episodes are its children; ``feed/`` is the RSS feed that podcast
    apps subscribe to (RSS 2.0 with iTunes and Podcasting 2.0 tags)."""

    summary = models.TextField(_("sommario"), max_length=SUMMARY_MAX_LENGTH)
    summary_en = models.TextField(
        _("sommario (inglese)"), max_length=SUMMARY_MAX_LENGTH, blank=True
    )
    description = models.TextField(
        _("descrizione"), max_length=4000, help_text=_("Mostrata nelle app di podcast.")
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("copertina"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Quadrata, da 1400 a 3000 pixel di lato, come chiedono le app di podcast."),
    )
    author_name = models.CharField(_("autore"), max_length=120)
    owner_email = models.EmailField(
        _("e-mail del titolare"),
        help_text=_("Pubblicata nel feed: le piattaforme la usano per verificare la proprietà."),
    )
    category = models.CharField(
        _("categoria"),
        max_length=40,
        choices=PodcastCategory.choices,
        default=PodcastCategory.EDUCATION,
    )
    explicit = models.BooleanField(_("contenuti espliciti"), default=False)
    language = models.CharField(
        _("lingua"), max_length=2, choices=Language.choices, default=Language.ITALIAN
    )
    # Podcasting 2.0 <podcast:guid>: fixed once, survives moves of the feed.
    guid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    tr_summary = TranslatedField("summary", "summary_en")

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = ["library.PodcastEpisodePage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("description"),
        FieldPanel("cover"),
        FieldRowPanel([FieldPanel("author_name"), FieldPanel("owner_email")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("language"), FieldPanel("explicit")]),
    ]

    class Meta:
        verbose_name = _("serie podcast")
        verbose_name_plural = _("serie podcast")

    def clean(self) -> None:
        super().clean()
        if self.cover_id:
            width, height = self.cover.width, self.cover.height
            if width != height or not 1400 <= width <= 3000:
                raise ValidationError(
                    {
                        "cover": _(
                            "La copertina deve essere quadrata, da 1400 a 3000 pixel di lato "
                            "(ora %(w)d×%(h)d)."
                        )
                        % {"w": width, "h": height}
                    }
                )

    @path("feed/", name="feed")
    def feed(self, request: HttpRequest):
        from .feeds import podcast_feed_response

        return podcast_feed_response(self, request)

    def get_feed_url(self, request: HttpRequest) -> str:
        """The feed's absolute address, the one podcast apps subscribe to."""
        url = self.get_url(request)
        return request.build_absolute_uri(url + self.reverse_subpage("feed")) if url else ""

    def episodes(self):
        """The live, public episodes, newest first."""
        return (
            PodcastEpisodePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-publication_date", "-first_published_at", "-pk")
        )

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.episodes(), EPISODES_PER_PAGE)
        context.update(
            page_obj=paginator.get_page(request.GET.get("pagina")),
            paginator=paginator,
            feed_url=self.get_feed_url(request),
        )
        return context


class PodcastEpisodePage(RoutablePageMixin, ResourcePage):
    """An episode: audio with its duration (read from the file), show notes and a
    transcript."""

    audio = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file audio (MP3, M4A, OGG o WAV)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    duration_seconds = models.PositiveIntegerField(
        _("durata (secondi)"), null=True, blank=True, editable=False
    )
    episode_number = models.PositiveIntegerField(
        _("numero dell'episodio"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    season = models.PositiveIntegerField(
        _("stagione"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    show_notes = RichTextField(_("note dell'episodio"), features=RICH_TEXT_FEATURES)
    show_notes_en = RichTextField(
        _("note dell'episodio (inglese)"), features=RICH_TEXT_FEATURES, blank=True
    )
    transcript = models.TextField(_("trascrizione"), blank=True)
    guid = models.UUIDField(default=uuid.uuid4, editable=False)

    tr_show_notes = TranslatedField("show_notes", "show_notes_en")
    row_fields = (*ResourcePage.row_fields, "duration_seconds")
    resource_kind = ResourceKind.PODCAST
    is_creatable = True
    parent_page_types = ["library.PodcastSeriesPage"]

    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
    ]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("audio"),
        FieldRowPanel([FieldPanel("season"), FieldPanel("episode_number")]),
        FieldPanel("show_notes"),
        FieldPanel("show_notes_en"),
        FieldPanel("transcript"),
        ResourcePage.files_panel,
    ]

    class Meta:
        verbose_name = _("episodio podcast")
        verbose_name_plural = _("episodi podcast")

    def get_transcript_url(self, request: HttpRequest) -> str:
        """The transcript as plain text (``<podcast:transcript>`` of the feed)."""
        url = self.get_url(request)
        if not self.transcript or not url:
            return ""
        return request.build_absolute_uri(url + self.reverse_subpage("transcript"))

    @path("trascrizione/", name="transcript")
    def transcript_text(self, request: HttpRequest):
        from django.http import Http404, HttpResponse

        if not self.transcript:
            raise Http404
        response = HttpResponse(self.transcript, content_type="text/plain; charset=utf-8")
        response["Content-Language"] = self.language
        return response

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        series = parent.specific if parent is not None else None
        context.update(
            series=series,
            feed_url=series.get_feed_url(request) if series is not None else "",
            transcript_url=self.get_transcript_url(request),
        )
        return context


class ToolkitPage(ResourcePage):
    """Templates and tools ready to use: at least one file (DOCX, XLSX, ODT, PDF…)."""

    instructions = RichTextField(_("come usarli"), features=RICH_TEXT_FEATURES)
    instructions_en = RichTextField(
        _("come usarli (inglese)"), features=RICH_TEXT_FEATURES, blank=True
    )

    tr_instructions = TranslatedField("instructions", "instructions_en")
    resource_kind = ResourceKind.TOOLKIT
    is_creatable = True

    search_fields = [*ResourcePage.search_fields, index.SearchField("instructions")]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("instructions"),
        FieldPanel("instructions_en"),
        InlinePanel("files", label=_("File da scaricare"), min_num=1),
    ]

    class Meta:
        verbose_name = _("kit e modelli")
        verbose_name_plural = _("kit e modelli")


class MethodSheetPage(ResourcePage):
    """How to run a participatory method: when to use it, steps, time, cost, roles, risks."""

    method = models.ForeignKey(
        "taxonomy.ParticipatoryMethod",
        verbose_name=_("metodo"),
        on_delete=models.PROTECT,
        related_name="sheets",
    )
    when_to_use = models.TextField(_("quando usarlo"))
    when_not_to_use = models.TextField(_("quando evitarlo"), blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("passi"))
    duration = models.CharField(
        _("tempo necessario"), max_length=120, help_text=_("Ad esempio «3 incontri da 2 ore».")
    )
    group_size = models.CharField(
        _("partecipanti"),
        max_length=120,
        blank=True,
        help_text=_("Ad esempio «da 15 a 40»."),
    )
    cost_band = models.CharField(
        _("costo"), max_length=10, choices=CostBand.choices, default=CostBand.LOW
    )
    roles = models.TextField(_("ruoli"), help_text=_("Chi serve: facilitatori, esperti, uffici…"))
    materials = models.TextField(_("materiali"), blank=True)
    risks = models.TextField(_("rischi e come prevenirli"))

    resource_kind = ResourceKind.METHOD
    is_creatable = True

    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("when_to_use"),
        index.SearchField("steps"),
        index.SearchField("risks"),
    ]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("method"),
        FieldPanel("when_to_use"),
        FieldPanel("when_not_to_use"),
        FieldPanel("steps"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("group_size"), FieldPanel("cost_band")]),
        FieldPanel("roles"),
        FieldPanel("materials"),
        FieldPanel("risks"),
        ResourcePage.files_panel,
    ]

    class Meta:
        verbose_name = _("scheda metodo")
        verbose_name_plural = _("schede metodo")


class CaseStudyPage(ResourcePage):
    """An experience of the catalogue analysed: context, approach, results, lessons."""

    experience = models.ForeignKey(
        "experiences.Experience",
        verbose_name=_("esperienza"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text=_("L'esperienza del catalogo da cui nasce il caso."),
    )
    context = RichTextField(_("contesto"), features=RICH_TEXT_FEATURES)
    approach = RichTextField(_("approccio"), features=RICH_TEXT_FEATURES)
    results = RichTextField(_("risultati"), features=RICH_TEXT_FEATURES)
    lessons = RichTextField(_("cosa insegna"), features=RICH_TEXT_FEATURES)

    resource_kind = ResourceKind.CASE_STUDY
    is_creatable = True

    search_fields = [
        *ResourcePage.search_fields,
        index.SearchField("context"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons"),
    ]
    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("experience"),
        FieldPanel("context"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        ResourcePage.files_panel,
    ]

    class Meta:
        verbose_name = _("caso di studio")
        verbose_name_plural = _("casi di studio")

    def clean(self) -> None:
        super().clean()
        if self.experience is not None and self.experience.state != ExperienceState.PUBLISHED:
            raise ValidationError({"experience": _("Scegli un'esperienza pubblicata.")})


# --- collections -------------------------------------------------------------------------------


class CollectionPage(TranslatedPage):
    """A curated series of resources, such as the month's programme."""

    intro = models.TextField(_("introduzione"), max_length=600, blank=True)
    intro_en = models.TextField(_("introduzione (inglese)"), max_length=600, blank=True)
    month = models.DateField(
        _("mese del programma"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Per i programmi mensili: un giorno qualsiasi del mese."),
    )

    tr_intro = TranslatedField("intro", "intro_en")

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        FieldPanel("month"),
        InlinePanel("items", label=_("Strumenti della raccolta"), min_num=1),
    ]

    class Meta:
        verbose_name = _("raccolta")
        verbose_name_plural = _("raccolte")

    def save(self, *args, **kwargs):
        if self.month:
            self.month = self.month.replace(day=1)
        return super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """The items whose resource is live and public, in the editor's order, each
        with its card; a constant number of queries whatever their number."""
        from .selectors import public_resources, resource_cards

        context = super().get_context(request, *args, **kwargs)
        items = list(self.items.all())
        cards = {
            card.pk: card
            for card in resource_cards(
                public_resources().filter(pk__in=[item.resource_id for item in items])
            )
        }
        context["entries"] = [
            (cards[item.resource_id], item.note) for item in items if item.resource_id in cards
        ]
        return context


class CollectionItem(Orderable):
    collection = ParentalKey(CollectionPage, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(
        ResourcePage, verbose_name=_("strumento"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(
        _("nota"), max_length=200, blank=True, help_text=_("Perché è nella raccolta, in una riga.")
    )

    panels = [FieldPanel("resource"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("strumento della raccolta")
