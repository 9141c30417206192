"""Shared vocabularies used by every capability, editable in the back office."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from civichub.core.i18n import TranslatedField


class Vocabulary(models.Model):
    """A term of a controlled vocabulary: Italian name and description with English twins."""

    name = models.CharField(_("nome"), max_length=80, unique=True)
    name_en = models.CharField(_("nome (inglese)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("descrizione"), blank=True)
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    tr_name = TranslatedField("name", "name_en")
    tr_description = TranslatedField("description", "description_en")

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return str(self.tr_name)


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("tema")
        verbose_name_plural = _("temi")


class ParticipatoryMethod(Vocabulary):  # type: ignore[django-manager-missing]
    class Meta(Vocabulary.Meta):
        verbose_name = _("metodo partecipativo")
        verbose_name_plural = _("metodi partecipativi")


# django-stubs cannot type the reverse manager of experiences.Experience, whose
# bases (modelcluster, Wagtail) are untyped.
class IAP2Level(Vocabulary):  # type: ignore[django-manager-missing]
    """A level of the IAP2 Spectrum of Public Participation, from informing to empowering."""

    promise = models.TextField(_("promessa al pubblico"), blank=True)
    promise_en = models.TextField(_("promessa al pubblico (inglese)"), blank=True)

    tr_promise = TranslatedField("promise", "promise_en")

    class Meta(Vocabulary.Meta):
        verbose_name = _("livello IAP2")
        verbose_name_plural = _("livelli IAP2")


class TargetGroup(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("destinatari")
        verbose_name_plural = _("gruppi di destinatari")


class CtsActivity(Vocabulary):
    """An activity of general interest of Art. 5, c. 1, D.Lgs. 117/2017 (Codice del Terzo
    Settore); ``code`` is its letter in the article."""

    code = models.CharField(_("lettera"), max_length=5, unique=True)

    class Meta(Vocabulary.Meta):
        ordering = ["sort_order", "code"]
        verbose_name = _("attività di interesse generale (art. 5 CTS)")
        verbose_name_plural = _("attività di interesse generale (art. 5 CTS)")


# Who a resource or an event is for. Four booleans rather than a relation: facet counts
# are one SUM each and a filter is an indexed column, on SQLite and PostgreSQL alike.
# Keys are the public ?pubblico= values; each model that has them declares the columns.
AUDIENCES = {
    "pa": ("for_public_bodies", _("Pubbliche amministrazioni")),
    "terzo-settore": ("for_third_sector", _("Terzo Settore")),
    "cittadini": ("for_citizens", _("Cittadini")),
    "facilitatori": ("for_facilitators", _("Facilitatori")),
}


def audiences_of(obj: object) -> list[tuple[str, str]]:
    """(slug, label) of each audience ``obj`` (a model with the AUDIENCES columns) is for."""
    return [(slug, str(label)) for slug, (field, label) in AUDIENCES.items() if getattr(obj, field)]
