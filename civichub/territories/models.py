"""ISTAT regions, provinces and comuni with simplified boundaries.

SQLite cannot load SpatiaLite here, so geometry is stored as plain data: a
centroid as latitude/longitude and a simplified GeoJSON geometry. Everything
else relates to territories by foreign key / ISTAT code, never by geometry query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scale(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Quartiere")
    MUNICIPAL = "municipal", _("Comunale")
    INTER_MUNICIPAL = "inter_municipal", _("Intercomunale")
    PROVINCIAL = "provincial", _("Provinciale")
    REGIONAL = "regional", _("Regionale")
    NATIONAL = "national", _("Nazionale")
    INTERNATIONAL = "international", _("Internazionale")


class Territory(models.Model):
    istat_code = models.CharField(_("codice ISTAT"), max_length=6, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    centroid_lat = models.FloatField(_("latitudine del centroide"), null=True, blank=True)
    centroid_lon = models.FloatField(_("longitudine del centroide"), null=True, blank=True)
    boundary = models.JSONField(_("confine (GeoJSON semplificato)"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(Territory):  # type: ignore[django-manager-missing]
    class Meta(Territory.Meta):
        verbose_name = _("regione")
        verbose_name_plural = _("regioni")


class Province(Territory):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Provincia")
        METROPOLITAN_CITY = "metropolitan_city", _("Città metropolitana")
        FREE_CONSORTIUM = "free_consortium", _("Libero consorzio comunale")
        AUTONOMOUS_PROVINCE = "autonomous_province", _("Provincia autonoma")
        REGIONAL_DECENTRALISED = "regional_decentralised", _("Ente di decentramento regionale")
        NON_ADMINISTRATIVE = "non_administrative", _("Unità non amministrativa")

    region = models.ForeignKey(
        Region, verbose_name=_("regione"), on_delete=models.PROTECT, related_name="provinces"
    )
    abbreviation = models.CharField(_("sigla"), max_length=2, blank=True)
    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices, default=Kind.PROVINCE)

    class Meta(Territory.Meta):
        verbose_name = _("provincia")
        verbose_name_plural = _("province")


class Municipality(Territory):  # type: ignore[django-manager-missing]
    province = models.ForeignKey(
        Province,
        verbose_name=_("provincia"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    # Denormalised so that facet filters and counts by region need no join.
    region = models.ForeignKey(
        Region,
        verbose_name=_("regione"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    cadastral_code = models.CharField(_("codice catastale"), max_length=4, blank=True)
    population = models.PositiveIntegerField(_("popolazione"), null=True, blank=True)
    # names.normalise(name), written by the loader: accent- and case-insensitive
    # search with a plain indexed LIKE on every database.
    search_name = models.CharField(
        _("nome per la ricerca"), max_length=120, blank=True, db_index=True, editable=False
    )

    class Meta(Territory.Meta):
        verbose_name = _("comune")
        verbose_name_plural = _("comuni")
        indexes = [models.Index(fields=["name"], name="territories_mun_name_idx")]

    @property
    def label(self) -> str:
        """«Bologna (BO)»: unambiguous among same-named comuni. Needs ``province``
        loaded (``select_related("province")``) to avoid a query per comune."""
        abbreviation = self.province.abbreviation
        return f"{self.name} ({abbreviation})" if abbreviation else self.name
