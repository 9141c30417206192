"""The query string of the list, the calendar and the iCalendar feed (Italian, as the
public paths).

Parameters: ``q``; ``quando`` (``prossimi``, the default, or ``passati``); ``tipo``
(``webinar``, ``workshop``, ``giornata-formativa``…); ``tema`` (theme slug, repeatable:
any of them); ``regione`` (slug); ``modalita`` (``online``, ``presenza``, ``ibrido``);
``pubblico`` (``pa``, ``terzo-settore``, ``cittadini``, ``facilitatori``); ``posti``
(``liberi``); ``organizzazione`` (slug); ``mese`` (``YYYY-MM``, the calendar's month);
``area`` (slug of a working area the person may see: per-area calendars; any other
slug is treated as unknown, so a private area is never revealed); ``pagina`` (read by
the list). A value that is not understood is dropped and named in a
notice, never an error page.
"""

import datetime
import re
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civichub.core.fulltext import search_words
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import AUDIENCES

from .models import FORMAT_SLUGS, KIND_SLUGS, EventKind, Format
from .selectors import EventFilters, Period, Vocabularies, catalogue_vocabularies

UPCOMING, PAST = "prossimi", "passati"
PERIODS = {UPCOMING: Period.UPCOMING, PAST: Period.PAST}
PERIOD_PARAMETERS = {period: name for name, period in PERIODS.items()}
KINDS = {slug: str(kind) for kind, slug in KIND_SLUGS.items()}
KIND_PARAMETERS = {kind: slug for slug, kind in KINDS.items()}
FORMATS = {slug: str(value) for value, slug in FORMAT_SLUGS.items()}
FORMAT_PARAMETERS = {value: slug for slug, value in FORMATS.items()}
FREE_SEATS = "liberi"
Q_MAX_LENGTH = 200
_MONTH = re.compile(r"(\d{4})-(\d{2})")
FIRST_YEAR, LAST_YEAR = 1970, 2100


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class EventFilterForm(forms.Form):
    """Parses the GET parameters; the templates render the controls with their counts."""

    use_required_attribute = False

    q = forms.CharField(label=_("Cerca"), required=False, max_length=Q_MAX_LENGTH)
    quando = forms.ChoiceField(
        label=_("Quando"), required=False, choices=_blank([(name, name) for name in PERIODS])
    )
    tipo = forms.ChoiceField(
        label=_("Tipo"), required=False, choices=_blank([(slug, slug) for slug in KINDS])
    )
    tema = forms.Field(label=_("Tema"), required=False, widget=forms.MultipleHiddenInput)
    regione = forms.ChoiceField(label=_("Regione"), required=False)
    modalita = forms.ChoiceField(
        label=_("Modalità"), required=False, choices=_blank([(slug, slug) for slug in FORMATS])
    )
    pubblico = forms.ChoiceField(
        label=_("Destinatari"), required=False, choices=_blank([(s, s) for s in AUDIENCES])
    )
    posti = forms.ChoiceField(
        label=_("Posti"), required=False, choices=_blank([(FREE_SEATS, FREE_SEATS)])
    )
    organizzazione = forms.SlugField(label=_("Organizzazione"), required=False, max_length=220)
    area = forms.SlugField(label=_("Area di lavoro"), required=False, max_length=80)

    def __init__(
        self, data: Any, *, vocabularies: Vocabularies | None = None, user: Any = None
    ) -> None:
        super().__init__(data)
        self.user = user
        self._area: Any = None
        self.vocabularies = vocabularies or catalogue_vocabularies()
        self.regions = {region.slug: region for region in self.vocabularies.regions}
        self.themes = {theme.slug: theme for theme in self.vocabularies.themes}
        self._ignored: set[str] = set()
        self._organisation: Organisation | None = None
        cast(forms.ChoiceField, self.fields["regione"]).choices = _blank(
            [(slug, region.name) for slug, region in self.regions.items()]
        )

    def clean_tema(self) -> list[str]:
        values = self.data.getlist("tema") if hasattr(self.data, "getlist") else []
        chosen = [value for value in dict.fromkeys(values) if value in self.themes]
        if len(chosen) < len({value for value in values if value}):
            self._ignored.add("tema")
        return chosen

    def clean_organizzazione(self) -> str:
        slug = self.cleaned_data.get("organizzazione") or ""
        if slug:
            self._organisation = (
                Organisation.objects.only("pk", "name", "slug").filter(slug=slug).first()
            )
            if self._organisation is None:
                raise forms.ValidationError(gettext("Organizzazione sconosciuta."))
        return slug

    def clean_area(self) -> str:
        slug = self.cleaned_data.get("area") or ""
        if slug:
            from civichub.communities.models import Area

            self._area = (
                Area.objects.visible_to(self.user)
                .only("pk", "slug", "name", "name_en")
                .filter(slug=slug)
                .first()
            )
            if self._area is None:
                # The same answer for a private area and for none at all.
                raise forms.ValidationError(gettext("Area sconosciuta."))
        return slug

    def ignored(self) -> list[str]:
        """Labels of the parameters with a value that was not understood, in form order
        (the month last)."""
        names = set(self.errors) | self._ignored
        labels = [str(field.label) for name, field in self.fields.items() if name in names]
        if "mese" in self._ignored:
            labels.append(str(_("Mese")))
        return labels

    def filters(self) -> EventFilters:
        self.is_valid()
        data = self.cleaned_data
        q = (data.get("q") or "").strip()
        return EventFilters(
            # Punctuation alone is no search.
            q=q if search_words(q) else "",
            when=PERIODS.get(data.get("quando") or "", Period.UPCOMING),
            kind=KINDS.get(data.get("tipo") or "", ""),
            themes=tuple(self.themes[slug] for slug in data.get("tema") or []),
            region=self.regions.get(data.get("regione") or ""),
            format=FORMATS.get(data.get("modalita") or "", ""),
            audience=data.get("pubblico") or "",
            free_seats=data.get("posti") == FREE_SEATS,
            organisation=self._organisation if data.get("organizzazione") else None,
            area=self._area if data.get("area") else None,
        )

    def month(self, today: datetime.date) -> datetime.date:
        """The first day of the ``mese`` asked for, or of ``today``'s month when it is
        missing or not a month (then named in the notice)."""
        value = self.data.get("mese") or ""
        if not value:
            return today.replace(day=1)
        match = _MONTH.fullmatch(value.strip())
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
                return datetime.date(year, month, 1)
        self._ignored.add("mese")
        return today.replace(day=1)


def filter_params(filters: EventFilters, *, with_period: bool = True) -> list[tuple[str, str]]:
    """The query string of ``filters`` with only the values understood, in a fixed order:
    the address to share, and the base of the chips' and the other views' links. The
    calendar and the feed have no upcoming/past: ``with_period=False``."""
    params: list[tuple[str, str]] = []
    if filters.q:
        params.append(("q", filters.q))
    if with_period and filters.when != Period.UPCOMING:
        params.append(("quando", PERIOD_PARAMETERS[filters.when]))
    if filters.kind:
        params.append(("tipo", KIND_PARAMETERS[filters.kind]))
    params.extend(("tema", theme.slug) for theme in filters.themes)
    if filters.region is not None:
        params.append(("regione", filters.region.slug))
    if filters.format:
        params.append(("modalita", FORMAT_PARAMETERS[filters.format]))
    if filters.audience:
        params.append(("pubblico", filters.audience))
    if filters.free_seats:
        params.append(("posti", FREE_SEATS))
    if filters.organisation is not None:
        params.append(("organizzazione", filters.organisation.slug))
    if filters.area is not None:
        params.append(("area", filters.area.slug))
    return params


def month_parameter(month: datetime.date) -> str:
    return f"{month:%Y-%m}"


def with_query(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def filter_chips(
    filters: EventFilters,
    path: str,
    *,
    with_period: bool = True,
    extra: list[tuple[str, str]] | None = None,
) -> list[dict[str, str]]:
    """The active filters (upcoming/past is a tab, not a chip), each with the address of
    the same view without it; ``extra`` parameters (the calendar's month) are kept."""
    params = filter_params(filters, with_period=with_period)
    kept_extra = extra or []

    def without(name: str, value: str | None = None) -> str:
        kept = [(k, v) for k, v in params if k != name or (value is not None and v != value)]
        return with_query(path, [*kept, *kept_extra])

    chips = []
    if filters.q:
        chips.append({"label": f"«{filters.q}»", "remove_url": without("q")})
    if filters.kind:
        chips.append({"label": str(EventKind(filters.kind).label), "remove_url": without("tipo")})
    for theme in filters.themes:
        chips.append({"label": str(theme.tr_name), "remove_url": without("tema", theme.slug)})
    if filters.region is not None:
        chips.append({"label": filters.region.name, "remove_url": without("regione")})
    if filters.format:
        label = gettext("Modalità: %(format)s") % {"format": Format(filters.format).label}
        chips.append({"label": label, "remove_url": without("modalita")})
    if filters.audience:
        label = gettext("Per: %(audience)s") % {"audience": AUDIENCES[filters.audience][1]}
        chips.append({"label": label, "remove_url": without("pubblico")})
    if filters.free_seats:
        chips.append({"label": gettext("Con posti liberi"), "remove_url": without("posti")})
    if filters.organisation is not None:
        label = gettext("Organizzato da %(name)s") % {"name": filters.organisation.name}
        chips.append({"label": label, "remove_url": without("organizzazione")})
    if filters.area is not None:
        label = gettext("Area: %(name)s") % {"name": filters.area.tr_name}
        chips.append({"label": label, "remove_url": without("area")})
    return chips
