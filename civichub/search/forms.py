"""The search box and its GET parameters: ``q``, ``tipo`` (a kind's slug), ``tema`` (a
theme's slug). Bad values never fail the page: they are dropped and listed in notices."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .registry import source_by_slug
from .selectors import MAX_QUERY_LENGTH, MAX_TERMS, SearchQuery, query_groups, search_themes


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Che cosa cerchi?"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []

    def search_query(self, visibilities: tuple[str, ...]) -> SearchQuery:
        """The validated search; ``notices`` tells what was dropped or cut."""
        self.is_valid()
        text = " ".join(self.cleaned_data.get("q", "").split())
        if len(text) > MAX_QUERY_LENGTH:
            text = text[:MAX_QUERY_LENGTH]
            self.notices.append(
                _("La ricerca è troppo lunga: sono stati usati i primi %(count)d caratteri.")
                % {"count": MAX_QUERY_LENGTH}
            )
        groups, cut = query_groups(text)
        if cut:
            self.notices.append(
                _("Sono state cercate solo le prime %(count)d parole.") % {"count": MAX_TERMS}
            )
        source = None
        kind = self.data.get("tipo", "")
        if kind:
            source = source_by_slug(kind)
            if source is None:
                self.notices.append(_("Il tipo di contenuto scelto non esiste: è stato ignorato."))
        theme = None
        theme_slug = self.data.get("tema", "")
        if theme_slug:
            theme = next((t for t in search_themes() if t.slug == theme_slug), None)
            if theme is None:
                self.notices.append(_("Il tema scelto non esiste: è stato ignorato."))
        return SearchQuery(
            text=text, groups=groups, visibilities=visibilities, source=source, theme=theme
        )
