"""The catalogue's query string (Italian, as the public paths).

Parameters: ``q``; ``tipo`` (``guida``, ``documento``…, repeatable: any of them);
``tema`` (theme slug, repeatable: any of them); ``metodo`` (method slug); ``fase``
(``analisi``, ``progettazione``, ``attuazione``, ``valutazione``); ``pubblico`` (``pa``,
``terzo-settore``, ``cittadini``, ``facilitatori``); ``livello`` (``base``,
``avanzato``); ``lingua`` (``it``, ``en``…); ``ordina`` (``recenti``, ``rilevanza``,
``utili``, ``scaricati``); ``pagina`` (read by the view). A value that is not understood
is dropped and named in a notice, never an error page.
"""

from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civichub.core.fulltext import search_words
from civichub.taxonomy.models import AUDIENCES

from .models import (
    KIND_SLUGS,
    LEVEL_SLUGS,
    PHASE_SLUGS,
    Language,
    Level,
    Phase,
    ResourceKind,
)
from .selectors import ResourceFilters, Sort, Vocabularies, catalogue_vocabularies, default_sort

SORTS = {
    "recenti": Sort.RECENT,
    "rilevanza": Sort.RELEVANCE,
    "utili": Sort.USEFUL,
    "scaricati": Sort.DOWNLOADED,
}
SORT_PARAMETERS = {sort: name for name, sort in SORTS.items()}
KINDS = {slug: str(kind) for kind, slug in KIND_SLUGS.items()}
KIND_PARAMETERS = {kind: slug for slug, kind in KINDS.items()}
PHASES = {slug: str(phase) for phase, slug in PHASE_SLUGS.items()}
PHASE_PARAMETERS = {phase: slug for slug, phase in PHASES.items()}
LEVELS = {slug: str(level) for level, slug in LEVEL_SLUGS.items()}
LEVEL_PARAMETERS = {level: slug for slug, level in LEVELS.items()}
Q_MAX_LENGTH = 200


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class ResourceFilterForm(forms.Form):
    """Parses the GET parameters; the templates render the controls with their counts."""

    use_required_attribute = False

    q = forms.CharField(label=_("Cerca"), required=False, max_length=Q_MAX_LENGTH)
    tipo = forms.Field(label=_("Tipo"), required=False, widget=forms.MultipleHiddenInput)
    tema = forms.Field(label=_("Tema"), required=False, widget=forms.MultipleHiddenInput)
    metodo = forms.ChoiceField(label=_("Metodo partecipativo"), required=False)
    fase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=_blank([(slug, slug) for slug in PHASES])
    )
    pubblico = forms.ChoiceField(
        label=_("Destinatari"), required=False, choices=_blank([(s, s) for s in AUDIENCES])
    )
    livello = forms.ChoiceField(
        label=_("Livello"), required=False, choices=_blank([(slug, slug) for slug in LEVELS])
    )
    lingua = forms.ChoiceField(
        label=_("Lingua"), required=False, choices=_blank(list(Language.choices))
    )
    ordina = forms.ChoiceField(
        label=_("Ordina per"), required=False, choices=_blank([(name, name) for name in SORTS])
    )

    def __init__(self, data: Any, *, vocabularies: Vocabularies | None = None) -> None:
        super().__init__(data)
        self.vocabularies = vocabularies or catalogue_vocabularies()
        self.themes = {theme.slug: theme for theme in self.vocabularies.themes}
        self.methods = {method.slug: method for method in self.vocabularies.methods}
        self._ignored: set[str] = set()
        cast(forms.ChoiceField, self.fields["metodo"]).choices = _blank(
            [(slug, str(method)) for slug, method in self.methods.items()]
        )

    def _many(self, name: str, known: dict[str, Any]) -> list[str]:
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
        chosen = [value for value in dict.fromkeys(values) if value in known]
        if len(chosen) < len({value for value in values if value}):
            self._ignored.add(name)
        return chosen

    def clean_tipo(self) -> list[str]:
        return self._many("tipo", KINDS)

    def clean_tema(self) -> list[str]:
        return self._many("tema", self.themes)

    def ignored(self) -> list[str]:
        """Labels of the parameters with a value that was not understood, in form order."""
        names = set(self.errors) | self._ignored
        return [str(field.label) for name, field in self.fields.items() if name in names]

    def filters(self) -> ResourceFilters:
        self.is_valid()
        data = self.cleaned_data
        q = (data.get("q") or "").strip()
        # Punctuation alone is no search.
        q = q if search_words(q) else ""
        sort = SORTS.get(data.get("ordina") or "", default_sort(q))
        if sort == Sort.RELEVANCE and not q:
            sort = Sort.RECENT  # nothing to rank by
        return ResourceFilters(
            q=q,
            kinds=tuple(KINDS[slug] for slug in data.get("tipo") or []),
            themes=tuple(self.themes[slug] for slug in data.get("tema") or []),
            method=self.methods.get(data.get("metodo") or ""),
            phase=PHASES.get(data.get("fase") or "", ""),
            audience=data.get("pubblico") or "",
            level=LEVELS.get(data.get("livello") or "", ""),
            language=data.get("lingua") or "",
            sort=sort,
        )


def filter_params(filters: ResourceFilters) -> list[tuple[str, str]]:
    """The query string of ``filters`` with only the values understood, in a fixed order:
    the address to share, and the base of the chips' links."""
    params: list[tuple[str, str]] = []
    if filters.q:
        params.append(("q", filters.q))
    params.extend(("tipo", KIND_PARAMETERS[kind]) for kind in filters.kinds)
    params.extend(("tema", theme.slug) for theme in filters.themes)
    if filters.method is not None:
        params.append(("metodo", filters.method.slug))
    if filters.phase:
        params.append(("fase", PHASE_PARAMETERS[filters.phase]))
    if filters.audience:
        params.append(("pubblico", filters.audience))
    if filters.level:
        params.append(("livello", LEVEL_PARAMETERS[filters.level]))
    if filters.language:
        params.append(("lingua", filters.language))
    if filters.sort != default_sort(filters.q):
        params.append(("ordina", SORT_PARAMETERS[filters.sort]))
    return params


def with_query(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def filter_chips(filters: ResourceFilters, path: str) -> list[dict[str, str]]:
    """The active filters, each with the address of the same view without it."""
    params = filter_params(filters)

    def without(name: str, value: str | None = None) -> str:
        kept = [(k, v) for k, v in params if k != name or (value is not None and v != value)]
        if name == "q":
            # The default order follows the words: without them it goes back to the newest.
            kept = [(k, v) for k, v in kept if (k, v) != ("ordina", "recenti")]
        return with_query(path, kept)

    chips = []
    if filters.q:
        chips.append({"label": f"«{filters.q}»", "remove_url": without("q")})
    for kind in filters.kinds:
        chips.append(
            {
                "label": str(ResourceKind(kind).label),
                "remove_url": without("tipo", KIND_PARAMETERS[kind]),
            }
        )
    for theme in filters.themes:
        chips.append({"label": str(theme.tr_name), "remove_url": without("tema", theme.slug)})
    if filters.method is not None:
        chips.append({"label": str(filters.method.tr_name), "remove_url": without("metodo")})
    if filters.phase:
        label = gettext("Fase: %(phase)s") % {"phase": Phase(filters.phase).label}
        chips.append({"label": label, "remove_url": without("fase")})
    if filters.audience:
        label = gettext("Per: %(audience)s") % {"audience": AUDIENCES[filters.audience][1]}
        chips.append({"label": label, "remove_url": without("pubblico")})
    if filters.level:
        label = gettext("Livello: %(level)s") % {"level": Level(filters.level).label}
        chips.append({"label": label, "remove_url": without("livello")})
    if filters.language:
        label = gettext("Lingua: %(language)s") % {"language": Language(filters.language).label}
        chips.append({"label": label, "remove_url": without("lingua")})
    return chips
