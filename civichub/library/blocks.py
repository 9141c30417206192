"""StreamField blocks of the library's pages."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from civichub.cms.blocks import RICH_TEXT_FEATURES, QuoteBlock, SafeRichTextBlock

# Guides carry their own headings as blocks (for the table of contents and the PDF),
# so their rich text stops at h4.
GUIDE_TEXT_FEATURES = [f for f in RICH_TEXT_FEATURES if f not in ("h2", "h3")]


class HeadingBlock(blocks.StructBlock):
    """A chapter (h2) or section (h3) heading; each becomes a table-of-contents entry."""

    text = blocks.CharBlock(label=_("Titolo"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Livello"),
        choices=[("h2", _("Capitolo")), ("h3", _("Paragrafo"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "library/blocks/heading.html"

    @staticmethod
    def anchor(value) -> str:
        return slugify(value["text"])[:60] or "sezione"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Tipo"),
        choices=[("tip", _("Consiglio")), ("warning", _("Attenzione")), ("example", _("Esempio"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Titolo"), max_length=120, required=False)
    text = blocks.TextBlock(label=_("Testo"))

    class Meta:
        icon = "warning"
        template = "library/blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), max_length=120, required=False)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Voci"), min_num=1)

    class Meta:
        icon = "tasks"
        template = "library/blocks/checklist.html"


class GuideBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Titolo di sezione"))
    paragraph = SafeRichTextBlock(label=_("Testo"), features=GUIDE_TEXT_FEATURES)
    image = ImageBlock(label=_("Immagine"))
    callout = CalloutBlock(label=_("Riquadro"))
    checklist = ChecklistBlock(label=_("Lista di controllo"))
    quote = QuoteBlock(label=_("Citazione"))


class StepBlock(blocks.StructBlock):
    """One step of a participatory method."""

    title = blocks.CharBlock(label=_("Passo"), max_length=160)
    text = blocks.TextBlock(label=_("Come si svolge"))
    duration = blocks.CharBlock(
        label=_("Durata"), max_length=60, required=False, help_text=_("Ad esempio «45 minuti».")
    )

    class Meta:
        icon = "list-ol"
        template = "library/blocks/step.html"
