"""The catalogue's query string, shared by the list, the map, their data and the exports.

Parameters (Italian, as the public paths): ``q``; ``regione`` and ``provincia`` (slugs; a
province only within the chosen region); ``comune`` (ISTAT code, which stays the same
when names or slugs change; only within the chosen province); ``scala``; ``tema`` (slug,
repeatable: experiences with any of the chosen themes); ``metodo``; ``livello`` (IAP2
level slug); ``stato``; ``dal`` / ``al`` (years: experiences active at some time in the
period); ``tipo_org`` (kind of an organisation involved); ``valutazione`` (``si`` / ``no``);
``ordina`` (``recenti``, ``rilevanza``, ``replicate``). A value that is not understood is
dropped and named in a notice, never an error page.
"""

from collections.abc import Sequence
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civichub.core.fulltext import search_words
from civichub.organisations.models import Kind
from civichub.territories.models import Municipality, Province, Scale

from .models import Status
from .selectors import (
    CatalogueFilters,
    Sort,
    Vocabularies,
    catalogue_vocabularies,
    province_municipalities,
    region_provinces,
)

YES, NO = "si", "no"
SORTS = {"recenti": Sort.RECENT, "rilevanza": Sort.RELEVANCE, "replicate": Sort.REPLICATED}
SORT_PARAMETERS = {sort: name for name, sort in SORTS.items()}
FIRST_YEAR, LAST_YEAR = 1900, 2100
Q_MAX_LENGTH = 200


def _blank(choices: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class CatalogueFilterForm(forms.Form):
    """Parses the GET parameters; the templates render the controls with their counts."""

    use_required_attribute = False

    q = forms.CharField(label=_("Cerca"), required=False, max_length=Q_MAX_LENGTH)
    regione = forms.ChoiceField(label=_("Regione"), required=False)
    provincia = forms.ChoiceField(label=_("Provincia"), required=False)
    comune = forms.ChoiceField(label=_("Comune"), required=False)
    scala = forms.ChoiceField(label=_("Scala"), required=False, choices=_blank(Scale.choices))
    tema = forms.Field(label=_("Tema"), required=False, widget=forms.MultipleHiddenInput)
    metodo = forms.ChoiceField(label=_("Metodo partecipativo"), required=False)
    livello = forms.ChoiceField(label=_("Livello di partecipazione (IAP2)"), required=False)
    stato = forms.ChoiceField(label=_("Stato"), required=False, choices=_blank(Status.choices))
    dal = forms.IntegerField(
        label=_("Dall'anno"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    al = forms.IntegerField(
        label=_("All'anno"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    tipo_org = forms.ChoiceField(
        label=_("Tipo di organizzazione"), required=False, choices=_blank(Kind.choices)
    )
    valutazione = forms.ChoiceField(
        label=_("Valutata"), required=False, choices=[("", "—"), (YES, _("Sì")), (NO, _("No"))]
    )
    ordina = forms.ChoiceField(
        label=_("Ordina per"), required=False, choices=_blank([(name, name) for name in SORTS])
    )

    def __init__(self, data: Any, *, vocabularies: Vocabularies | None = None) -> None:
        super().__init__(data)
        self.vocabularies = vocabularies or catalogue_vocabularies()
        self.regions = {region.slug: region for region in self.vocabularies.regions}
        self.themes = {theme.slug: theme for theme in self.vocabularies.themes}
        self.methods = {method.slug: method for method in self.vocabularies.methods}
        self.levels = {level.slug: level for level in self.vocabularies.iap2_levels}
        self.provinces: dict[str, Province] = {}
        self.municipalities: dict[str, Municipality] = {}
        self._ignored_themes = False
        # Provinces only within a region, comuni only within a province: never a select
        # of every comune in Italy.
        region = self.regions.get(self.data.get("regione") or "")
        if region is not None:
            self.provinces = {p.slug: p for p in region_provinces(region)}
            province = self.provinces.get(self.data.get("provincia") or "")
            if province is not None:
                self.municipalities = {m.istat_code: m for m in province_municipalities(province)}
        self._choices("regione", self.regions)
        self._choices("provincia", self.provinces)
        self._choices("comune", self.municipalities)
        self._choices("metodo", self.methods)
        self._choices("livello", self.levels)

    def _choices(self, name: str, options: dict[str, Any]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = _blank(
            [(key, str(option)) for key, option in options.items()]
        )

    def clean_tema(self) -> list[str]:
        values = self.data.getlist("tema") if hasattr(self.data, "getlist") else []
        known = [value for value in dict.fromkeys(values) if value in self.themes]
        self._ignored_themes = len(known) < len([v for v in values if v])
        return known

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("dal"), data.get("al")
        if first is not None and last is not None and first > last:
            self.add_error("al", gettext("L'anno finale precede quello iniziale."))
        return data

    def ignored(self) -> list[str]:
        """Labels of the parameters with a value that was not understood, in form order."""
        names = set(self.errors)
        if self._ignored_themes:
            names.add("tema")
        return [str(field.label) for name, field in self.fields.items() if name in names]

    def filters(self) -> CatalogueFilters:
        self.is_valid()
        data = self.cleaned_data
        q = (data.get("q") or "").strip()
        evaluation = data.get("valutazione") or ""
        return CatalogueFilters(
            # Punctuation alone is no search.
            q=q if search_words(q) else "",
            region=self.regions.get(data.get("regione") or ""),
            province=self.provinces.get(data.get("provincia") or ""),
            municipality=self.municipalities.get(data.get("comune") or ""),
            scale=data.get("scala") or "",
            themes=tuple(self.themes[slug] for slug in data.get("tema") or []),
            method=self.methods.get(data.get("metodo") or ""),
            iap2_level=self.levels.get(data.get("livello") or ""),
            status=data.get("stato") or "",
            year_from=data.get("dal"),
            year_to=data.get("al"),
            organisation_kind=data.get("tipo_org") or "",
            has_evaluation={YES: True, NO: False}.get(evaluation),
            sort=SORTS.get(data.get("ordina") or "", Sort.RECENT),
        )


def filter_params(filters: CatalogueFilters) -> list[tuple[str, str]]:
    """The query string of ``filters`` with only the values understood, in a fixed order:
    the address to share, and the base of the map, list and export links."""
    params: list[tuple[str, str]] = []
    if filters.q:
        params.append(("q", filters.q))
    if filters.region is not None:
        params.append(("regione", filters.region.slug))
    if filters.province is not None:
        params.append(("provincia", filters.province.slug))
    if filters.municipality is not None:
        params.append(("comune", filters.municipality.istat_code))
    if filters.scale:
        params.append(("scala", filters.scale))
    params.extend(("tema", theme.slug) for theme in filters.themes)
    if filters.method is not None:
        params.append(("metodo", filters.method.slug))
    if filters.iap2_level is not None:
        params.append(("livello", filters.iap2_level.slug))
    if filters.status:
        params.append(("stato", filters.status))
    if filters.year_from is not None:
        params.append(("dal", str(filters.year_from)))
    if filters.year_to is not None:
        params.append(("al", str(filters.year_to)))
    if filters.organisation_kind:
        params.append(("tipo_org", filters.organisation_kind))
    if filters.has_evaluation is not None:
        params.append(("valutazione", YES if filters.has_evaluation else NO))
    if filters.sort != Sort.RECENT:
        params.append(("ordina", SORT_PARAMETERS[filters.sort]))
    return params


def with_query(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


# Removing a place also removes the finer places within it.
_REMOVES = {"regione": {"regione", "provincia", "comune"}, "provincia": {"provincia", "comune"}}


def filter_chips(filters: CatalogueFilters, path: str) -> list[dict[str, str]]:
    """The active filters, each with the address of the same view without it."""
    params = filter_params(filters)

    def without(*names: str, value: str | None = None) -> str:
        removed = set().union(*(_REMOVES.get(name, {name}) for name in names))
        kept = [(k, v) for k, v in params if k not in removed or (value and v != value)]
        return with_query(path, kept)

    chips = []
    if filters.q:
        chips.append({"label": f"«{filters.q}»", "remove_url": without("q")})
    if filters.region is not None:
        chips.append({"label": filters.region.name, "remove_url": without("regione")})
    if filters.province is not None:
        chips.append({"label": filters.province.name, "remove_url": without("provincia")})
    if filters.municipality is not None:
        chips.append({"label": filters.municipality.name, "remove_url": without("comune")})
    if filters.scale:
        chips.append({"label": str(Scale(filters.scale).label), "remove_url": without("scala")})
    for theme in filters.themes:
        chips.append({"label": str(theme.tr_name), "remove_url": without("tema", value=theme.slug)})
    if filters.method is not None:
        chips.append({"label": str(filters.method.tr_name), "remove_url": without("metodo")})
    if filters.iap2_level is not None:
        label = gettext("Livello IAP2: %(level)s") % {"level": filters.iap2_level.tr_name}
        chips.append({"label": label, "remove_url": without("livello")})
    if filters.status:
        chips.append({"label": str(Status(filters.status).label), "remove_url": without("stato")})
    if filters.year_from is not None or filters.year_to is not None:
        chips.append({"label": _period_label(filters), "remove_url": without("dal", "al")})
    if filters.organisation_kind:
        label = str(Kind(filters.organisation_kind).label)
        chips.append({"label": label, "remove_url": without("tipo_org")})
    if filters.has_evaluation is not None:
        label = gettext("Valutate") if filters.has_evaluation else gettext("Non valutate")
        chips.append({"label": label, "remove_url": without("valutazione")})
    return chips


def _period_label(filters: CatalogueFilters) -> str:
    if filters.year_from is not None and filters.year_to is not None:
        if filters.year_from == filters.year_to:
            return gettext("Nel %(year)s") % {"year": filters.year_from}
        return gettext("Dal %(first)s al %(last)s") % {
            "first": filters.year_from,
            "last": filters.year_to,
        }
    if filters.year_from is not None:
        return gettext("Dal %(year)s") % {"year": filters.year_from}
    return gettext("Fino al %(year)s") % {"year": filters.year_to}
