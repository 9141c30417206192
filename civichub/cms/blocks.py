"""StreamField blocks shared by the editorial pages."""

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from civichub.core.html import sanitise_html

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

ICON_CHOICES = [
    ("it-map-marker-circle", _("Mappa")),
    ("it-files", _("Documenti")),
    ("it-comment", _("Discussione")),
    ("it-calendar", _("Calendario")),
    ("it-user", _("Persone")),
    ("it-pa", _("Pubblica amministrazione")),
    ("it-share", _("Condivisione")),
    ("it-settings", _("Strumenti")),
    ("it-star-outline", _("In evidenza")),
    ("it-horn", _("Notizie")),
]


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text sanitised on output too: content may arrive through imports or the
    API, not only through the editor's whitelist."""

    def render_basic(self, value, context=None):
        return mark_safe(sanitise_html(str(super().render_basic(value, context))))  # noqa: S308


def validate_site_url(value: str) -> None:
    if value and not value.startswith(("/", "https://", "http://")):
        raise ValidationError(_("Usa un percorso che inizia con / oppure un indirizzo http(s)://."))


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Testo"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.CharBlock(
        label=_("Indirizzo"),
        required=False,
        max_length=300,
        validators=[validate_site_url],
        help_text=_("Un percorso del sito (/esperienze/) o un indirizzo completo."),
    )

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("url") and not value.get("page"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Scegli una pagina o scrivi un indirizzo."))
                }
            )
        return value

    @staticmethod
    def href(value) -> str:
        page = value.get("page")
        return page.url if page else value.get("url", "")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citazione"))
    author = blocks.CharBlock(label=_("Autore"), required=False, max_length=120)
    role = blocks.CharBlock(label=_("Ruolo e organizzazione"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), max_length=120)
    text = blocks.TextBlock(label=_("Testo"), required=False)
    link = LinkBlock(label=_("Pulsante"))

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(label=_("Testo"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Immagine"))
    quote = QuoteBlock(label=_("Citazione"))
    embed = EmbedBlock(label=_("Video o contenuto incorporato"))
    call_to_action = CallToActionBlock(label=_("Invito all'azione"))


class FeatureCardBlock(blocks.StructBlock):
    icon = blocks.ChoiceBlock(label=_("Icona"), choices=ICON_CHOICES)
    title = blocks.CharBlock(label=_("Titolo"), max_length=80)
    text = blocks.TextBlock(label=_("Testo"))
    url = blocks.CharBlock(
        label=_("Collegamento"),
        required=False,
        max_length=300,
        validators=[validate_site_url],
        help_text=_("Facoltativo: il titolo della scheda diventa un collegamento."),
    )


class FeaturesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo della sezione"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduzione"), required=False)
    cards = blocks.ListBlock(FeatureCardBlock(), label=_("Schede"), min_num=1, max_num=9)

    class Meta:
        icon = "table"
        template = "cms/blocks/features.html"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Numero"), max_length=20)
    label = blocks.CharBlock(label=_("Descrizione"), max_length=80)


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo della sezione"), max_length=120)
    figures = blocks.ListBlock(FigureBlock(), label=_("Numeri"), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        template = "cms/blocks/figures.html"


class LatestNewsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo della sezione"), max_length=120)
    count = blocks.IntegerBlock(label=_("Quante notizie"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "date"
        template = "cms/blocks/latest_news.html"


class LatestExperiencesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo della sezione"), max_length=120)
    count = blocks.IntegerBlock(label=_("Quante esperienze"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "site"
        template = "experiences/blocks/latest_experiences.html"


class UpcomingEventsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo della sezione"), max_length=120)
    count = blocks.IntegerBlock(label=_("Quanti eventi"), min_value=1, max_value=12, default=3)

    class Meta:
        icon = "date"
        template = "events/blocks/upcoming_events.html"


class HomeBlock(blocks.StreamBlock):
    """Sections of the home page; later apps add their own "latest …" blocks."""

    features = FeaturesBlock(label=_("Schede in evidenza"))
    figures = FiguresBlock(label=_("Numeri"))
    latest_news = LatestNewsBlock(label=_("Ultime notizie"))
    latest_experiences = LatestExperiencesBlock(label=_("Ultime esperienze"))
    upcoming_events = UpcomingEventsBlock(label=_("Prossimi eventi"))
    call_to_action = CallToActionBlock(label=_("Invito all'azione"))
    quote = QuoteBlock(label=_("Citazione"))
    paragraph = SafeRichTextBlock(label=_("Testo"), features=RICH_TEXT_FEATURES)
