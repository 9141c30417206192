"""Editorial pages (home, content pages, news) and the hub's identity settings."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from civichub.core.i18n import TranslatedField

from .blocks import BodyBlock, HomeBlock

NEWS_PER_PAGE = 12


@register_setting(icon="site")
class HubSettings(BaseGenericSetting):
    """Identity of this hub, shown in the header and footer of every page."""

    name = models.CharField(_("nome dell'hub"), max_length=80, default="Civic Hub")
    tagline = models.CharField(_("sottotitolo"), max_length=160, blank=True)
    tagline_en = models.CharField(_("sottotitolo (inglese)"), max_length=160, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Immagine quadrata o orizzontale, su sfondo trasparente."),
    )
    owner_name = models.CharField(
        _("ente promotore"),
        max_length=120,
        blank=True,
        help_text=_("Mostrato nella barra superiore, ad esempio «Regione Emilia-Romagna»."),
    )
    owner_url = models.URLField(_("sito dell'ente promotore"), blank=True)
    contact_email = models.EmailField(_("e-mail di contatto"), blank=True)
    contact_phone = models.CharField(_("telefono"), max_length=40, blank=True)
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("e-mail del responsabile protezione dati (DPO)"), blank=True)
    accessibility_statement_url = models.URLField(
        _("dichiarazione di accessibilità"),
        blank=True,
        help_text=_("Indirizzo della dichiarazione pubblicata sul sito AgID (form.agid.gov.it)."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina sull'accessibilità"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("informativa sulla privacy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("note legali"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina «Chi siamo»"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linkedin_url = models.URLField("LinkedIn", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)

    tr_tagline = TranslatedField("tagline", "tagline_en")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("tagline"),
                FieldPanel("tagline_en"),
                FieldPanel("logo"),
                FieldPanel("owner_name"),
                FieldPanel("owner_url"),
            ],
            heading=_("Identità"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
                FieldPanel("dpo_email"),
            ],
            heading=_("Contatti"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("about_page"),
                FieldPanel("privacy_page"),
                FieldPanel("legal_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_statement_url"),
            ],
            heading=_("Pagine del piè di pagina"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social network"),
        ),
    ]

    class Meta:
        verbose_name = _("impostazioni dell'hub")


class TranslatedPage(Page):
    """A page whose title, introduction and body may also be written in English."""

    title_en = models.CharField(_("titolo (inglese)"), max_length=255, blank=True)

    tr_title = TranslatedField("title", "title_en")

    class Meta:
        abstract = True


class HomePage(TranslatedPage):
    hero_title = models.CharField(_("titolo principale"), max_length=160)
    hero_title_en = models.CharField(_("titolo principale (inglese)"), max_length=160, blank=True)
    hero_intro = models.TextField(_("introduzione"), max_length=600, blank=True)
    hero_intro_en = models.TextField(_("introduzione (inglese)"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("immagine principale"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("testo del pulsante"), max_length=60, blank=True)
    hero_cta_label_en = models.CharField(
        _("testo del pulsante (inglese)"), max_length=60, blank=True
    )
    hero_cta_url = models.CharField(
        _("destinazione del pulsante"),
        max_length=300,
        blank=True,
        help_text=_("Un percorso del sito, ad esempio /notizie/."),
    )
    body = StreamField(HomeBlock(), verbose_name=_("sezioni"), blank=True)
    body_en = StreamField(HomeBlock(), verbose_name=_("sezioni (inglese)"), blank=True)

    tr_hero_title = TranslatedField("hero_title", "hero_title_en")
    tr_hero_intro = TranslatedField("hero_intro", "hero_intro_en")
    tr_hero_cta_label = TranslatedField("hero_cta_label", "hero_cta_label_en")
    tr_body = TranslatedField("body", "body_en")

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_title_en"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_intro_en"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_label_en"),
                FieldPanel("hero_cta_url"),
            ],
            heading=_("Presentazione"),
        ),
        FieldPanel("body"),
        FieldPanel("body_en"),
    ]

    class Meta:
        verbose_name = _("home page")


class ContentPage(TranslatedPage):
    intro = models.TextField(_("introduzione"), max_length=600, blank=True)
    intro_en = models.TextField(_("introduzione (inglese)"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("testo"), blank=True)
    body_en = StreamField(BodyBlock(), verbose_name=_("testo (inglese)"), blank=True)

    tr_intro = TranslatedField("intro", "intro_en")
    tr_body = TranslatedField("body", "body_en")

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        FieldPanel("body"),
        FieldPanel("body_en"),
    ]

    class Meta:
        verbose_name = _("pagina")
        verbose_name_plural = _("pagine")


class NewsIndexPage(RoutablePageMixin, TranslatedPage):
    intro = models.TextField(_("introduzione"), max_length=600, blank=True)
    intro_en = models.TextField(_("introduzione (inglese)"), max_length=600, blank=True)

    tr_intro = TranslatedField("intro", "intro_en")

    subpage_types = ["cms.NewsPage"]
    max_count = 1
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]

    class Meta:
        verbose_name = _("archivio notizie")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from civichub.taxonomy.models import Theme

        from .selectors import news_for_index

        context = super().get_context(request, *args, **kwargs)
        themes = list(Theme.objects.all())
        requested = request.GET.get("tema", "")
        active_theme = next((t for t in themes if t.slug == requested), None)
        paginator = Paginator(
            news_for_index(index=self, theme=active_theme),
            NEWS_PER_PAGE,
            allow_empty_first_page=True,
        )
        context.update(
            themes=themes,
            active_theme=active_theme,
            unknown_theme=bool(requested) and active_theme is None,
            page_obj=paginator.get_page(request.GET.get("pagina")),
            paginator=paginator,
        )
        return context

    @path("")
    def index_route(self, request: HttpRequest):
        return self.render(request)

    @path("feed/", name="rss")
    def rss_feed(self, request: HttpRequest):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request: HttpRequest):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(TranslatedPage):
    date = models.DateField(_("data"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("immagine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Il testo alternativo è la descrizione dell'immagine nella libreria."),
    )
    summary = models.TextField(_("sommario"), max_length=300)
    summary_en = models.TextField(_("sommario (inglese)"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("testo"))
    body_en = StreamField(BodyBlock(), verbose_name=_("testo (inglese)"), blank=True)
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="news"
    )

    tr_summary = TranslatedField("summary", "summary_en")
    tr_body = TranslatedField("body", "body_en")

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("date"),
        FieldPanel("image"),
        FieldPanel("summary"),
        FieldPanel("summary_en"),
        FieldPanel("body"),
        FieldPanel("body_en"),
        FieldPanel("themes"),
    ]

    class Meta:
        verbose_name = _("notizia")
        verbose_name_plural = _("notizie")
        indexes = [models.Index(fields=["-date"], name="cms_news_date_idx")]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .selectors import related_news

        context = super().get_context(request, *args, **kwargs)
        context["related_news"] = related_news(self)
        return context
