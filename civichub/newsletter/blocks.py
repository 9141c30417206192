"""The body of an issue: sections of plain items, no markup.

Items carry text and an http(s) link only, so whatever a composer or an editor puts
there is escaped on output, in the e-mail as on the web version.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class DigestItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titolo"), max_length=200)
    title_en = blocks.CharBlock(label=_("Titolo (inglese)"), max_length=200, required=False)
    url = blocks.URLBlock(label=_("Collegamento"), help_text=_("Indirizzo completo (https://…)."))
    summary = blocks.TextBlock(label=_("In breve"), max_length=400, required=False)
    summary_en = blocks.TextBlock(label=_("In breve (inglese)"), max_length=400, required=False)
    date = blocks.DateBlock(label=_("Data"), required=False)

    class Meta:
        icon = "link"
        label = _("Contenuto")


class DigestSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Titolo della sezione"), max_length=120)
    heading_en = blocks.CharBlock(
        label=_("Titolo della sezione (inglese)"), max_length=120, required=False
    )
    items = blocks.ListBlock(DigestItemBlock(), label=_("Contenuti"))

    class Meta:
        icon = "list-ul"
        label = _("Sezione")
