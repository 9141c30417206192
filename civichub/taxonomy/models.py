"""Shared vocabularies used by every capability, editable in the back office."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from civichub.core.i18n import TranslatedField


class Theme(models.Model):
    name = models.CharField(_("nome"), max_length=80, unique=True)
    name_en = models.CharField(_("nome (inglese)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("descrizione"), blank=True)
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    tr_name = TranslatedField("name", "name_en")
    tr_description = TranslatedField("description", "description_en")

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temi")

    def __str__(self) -> str:
        return str(self.tr_name)
