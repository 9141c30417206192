"""/strumenti/: the index's intro and editorial blocks, then the catalogue of resources.

The facets are a plain GET form (filters.py). With HTMX, a filter change asks for the same
address and gets only the results and the updated facets, and the address is pushed.
"""

from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from civichub.taxonomy.models import AUDIENCES

from .. import selectors
from ..filters import (
    KIND_PARAMETERS,
    LEVEL_PARAMETERS,
    PHASE_PARAMETERS,
    SORT_PARAMETERS,
    ResourceFilterForm,
    filter_chips,
    filter_params,
    with_query,
)
from ..models import (
    Language,
    Level,
    LibraryIndexPage,
    Phase,
    ResourceKind,
    ResourcePage,
)
from ..permissions import can
from ..selectors import ResourceFilters, Sort, default_sort

PER_PAGE = 12
PAGE_PARAMETER = "pagina"


def _sort_options(filters: ResourceFilters) -> list[tuple[str, str]]:
    """The orders on offer; the default one (relevance with words, otherwise the newest)
    comes first with an empty value, so that typing words and pressing Enter ranks by
    them while the select still shows the previous default."""
    labels = {
        Sort.RELEVANCE: _("Pertinenza"),
        Sort.RECENT: _("Più recenti"),
        Sort.USEFUL: _("Più utili"),
        Sort.DOWNLOADED: _("Più scaricati"),
    }
    default = default_sort(filters.q)
    others = [sort for sort in labels if sort not in (default, Sort.RELEVANCE)]
    return [("", labels[default]), *((SORT_PARAMETERS[sort], labels[sort]) for sort in others)]


def _facet_options(form: ResourceFilterForm, filters: ResourceFilters) -> dict[str, Any]:
    facets = selectors.resource_facets(filters)
    chosen_themes = {theme.pk for theme in filters.themes}
    return {
        "kind_options": [
            (KIND_PARAMETERS[kind], label, facets.kinds.get(kind, 0), kind in filters.kinds)
            for kind, label in ResourceKind.choices
        ],
        "theme_options": [
            (theme, facets.themes.get(theme.pk, 0), theme.pk in chosen_themes)
            for theme in form.themes.values()
        ],
        "method_options": [
            (method, facets.methods.get(method.pk, 0)) for method in form.methods.values()
        ],
        "phase_options": [
            (PHASE_PARAMETERS[phase], label, facets.phases.get(phase, 0), phase == filters.phase)
            for phase, label in Phase.choices
        ],
        "audience_options": [
            (slug, label, facets.audiences.get(slug, 0), slug == filters.audience)
            for slug, (_column, label) in AUDIENCES.items()
        ],
        "level_options": [
            (LEVEL_PARAMETERS[level], label, facets.levels.get(level, 0), level == filters.level)
            for level, label in Level.choices
        ],
        "language_options": [
            (code, label, facets.languages.get(code, 0), code == filters.language)
            for code, label in Language.choices
        ],
    }


def _wants_fragment(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def _editorial(index: LibraryIndexPage | None) -> dict[str, Any]:
    month = selectors.this_month(timezone.localdate())
    shown = tuple(item.collection.pk for item in month.collections)
    return {
        "featured": selectors.featured_resources(index),
        "month": month,
        "collections": selectors.collections(exclude=shown),
    }


@require_safe
def resource_catalogue(request: HttpRequest, index: LibraryIndexPage | None = None) -> HttpResponse:
    if index is None:
        index = selectors.library_index()
    form = ResourceFilterForm(request.GET)
    filters = form.filters()
    paginator = Paginator(selectors.resource_catalogue(filters), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    # A slice of the catalogue's queryset: the cards' relations are fetched for it only.
    rows = cast(QuerySet[ResourcePage], page_obj.object_list)
    page_obj.object_list = selectors.resource_cards(rows)
    params = filter_params(filters)
    page = [(PAGE_PARAMETER, str(page_obj.number))] if page_obj.number > 1 else []
    path = request.path
    partial = _wants_fragment(request)
    context: dict[str, Any] = {
        "index": index,
        "filters": filters,
        "form_action": path,
        "ignored": form.ignored(),
        "chips": filter_chips(filters, path),
        "clear_url": path,
        "address": with_query(path, [*params, *page]),
        "selected_sort": ""
        if filters.sort == default_sort(filters.q)
        else SORT_PARAMETERS[filters.sort],
        "sort_options": _sort_options(filters),
        "page_obj": page_obj,
        "paginator": paginator,
        "total": paginator.count,
        "partial": partial,
        "can_propose": can(request.user, "propose_resource"),
        **_facet_options(form, filters),
    }
    if partial:
        response = render(request, "library/includes/results.html", context)
        # The address of what is shown, only with the values understood, so that it can
        # be shared or bookmarked.
        response["HX-Push-Url"] = context["address"]
    else:
        # Once someone narrows the catalogue or pages through it, results come first.
        show_editorial = not filters.is_active and page_obj.number == 1
        context["show_editorial"] = show_editorial
        if show_editorial:
            context.update(_editorial(index))
        context["podcast_series"] = selectors.podcast_series()
        response = render(request, "library/catalogue.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
