"""/cerca/?q=: the site search. A GET page with no per-visitor state, so visitors' pages
come from the anonymous page cache; members also find what is shared with members."""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .forms import SearchForm
from .registry import Source, sources
from .selectors import (
    MAX_RESULTS,
    MAX_TERMS,
    PER_PAGE,
    Hit,
    Results,
    SearchQuery,
    search_themes,
    suggestion,
    visibilities_for,
)

PAGE_PARAMETER = "pagina"


def _url(query: SearchQuery, source: Source | None, theme: Any) -> str:
    params = [("q", query.text)]
    if source is not None:
        params.append(("tipo", source.slug))
    if theme is not None:
        params.append(("tema", theme.slug))
    return f"{reverse('search:index')}?{urlencode(params)}"


def _facets(query: SearchQuery, results: Results) -> dict[str, Any]:
    kinds = [
        {
            "label": source.label_plural,
            "count": results.kind_counts.get(source.kind, 0),
            "url": _url(query, source, query.theme),
            "selected": source == query.source,
        }
        for source in sources()
        if results.kind_counts.get(source.kind) or source == query.source
    ]
    themes = [
        {
            "label": theme.tr_name,
            "count": results.theme_counts.get(theme.pk, 0),
            "url": _url(query, query.source, theme),
            "selected": theme == query.theme,
        }
        for theme in search_themes()
        if results.theme_counts.get(theme.pk) or theme == query.theme
    ]
    return {
        "kind_options": kinds,
        "all_kinds": {
            "count": sum(results.kind_counts.values()),
            "url": _url(query, None, query.theme),
            "selected": query.source is None,
        },
        "theme_options": themes,
        "all_themes_url": _url(query, query.source, None),
        "unfiltered_url": _url(query, None, None),
    }


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.search_query(visibilities_for(request.user))
    context: dict[str, Any] = {"form": form, "query": query, "notices": form.notices}
    if query.groups:
        results = Results(query)
        paginator: Paginator[Hit] = Paginator(results, PER_PAGE)
        page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
        context.update(
            page_obj=page_obj,
            total=results.total,
            capped=results.total > MAX_RESULTS,
            max_results=MAX_RESULTS,
            suggestion=None,
            **_facets(query, results),
        )
        if not results.total:
            proposed = suggestion(query.text, max_words=MAX_TERMS)
            if proposed:
                context["suggestion"] = proposed
                context["suggestion_url"] = (
                    f"{reverse('search:index')}?{urlencode({'q': proposed})}"
                )
    return render(request, "search/index.html", context)
