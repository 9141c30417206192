"""Browsing the catalogue: list, map, map data and open-data exports.

The list and the map read the same GET filters (filters.py). With HTMX, a filter change
asks for the same address and gets only the results and the updated facets.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from civichub.organisations.models import Kind
from civichub.territories.models import Scale

from .. import exports
from ..filters import NO, SORTS, YES, CatalogueFilterForm, filter_chips, filter_params, with_query
from ..models import Status
from ..selectors import (
    MARKER_LIMIT,
    CatalogueFilters,
    experience_catalogue,
    experience_count,
    experience_facets,
    experience_open_data,
    region_counts,
)
from ..selectors import map_markers as marker_rows

PER_PAGE = 20
PAGE_PARAMETER = "pagina"
MARKERS_NOTE = gettext_lazy("Filtra per regione per vedere i singoli punti.")


def _sort_options() -> list[tuple[str, str]]:
    return [
        ("recenti", _("Più recenti")),
        ("rilevanza", _("Pertinenza (con una ricerca)")),
        ("replicate", _("Più replicate")),
    ]


def _facet_options(form: CatalogueFilterForm, filters: CatalogueFilters) -> dict[str, Any]:
    facets = experience_facets(filters)
    chosen_themes = {theme.pk for theme in filters.themes}
    municipalities = [
        (m, facets.municipalities.get(m.pk, 0))
        for m in form.municipalities.values()
        # A province has up to 312 comuni: list only those with experiences.
        if facets.municipalities.get(m.pk) or m == filters.municipality
    ]
    return {
        "region_options": [(r, facets.regions.get(r.pk, 0)) for r in form.regions.values()],
        "province_options": [(p, facets.provinces.get(p.pk, 0)) for p in form.provinces.values()],
        "municipality_options": municipalities,
        "scale_options": [
            (value, label, facets.scales.get(value, 0)) for value, label in Scale.choices
        ],
        "theme_options": [
            (t, facets.themes.get(t.pk, 0), t.pk in chosen_themes) for t in form.themes.values()
        ],
        "method_options": [(m, facets.methods.get(m.pk, 0)) for m in form.methods.values()],
        "level_options": [(lv, facets.iap2_levels.get(lv.pk, 0)) for lv in form.levels.values()],
        "status_options": [
            (value, label, facets.statuses.get(value, 0)) for value, label in Status.choices
        ],
        "kind_options": [
            (value, label, facets.organisation_kinds.get(value, 0)) for value, label in Kind.choices
        ],
        "evaluation_options": [
            (YES, _("Con una valutazione"), facets.evaluation.get(True, 0)),
            (NO, _("Senza valutazione"), facets.evaluation.get(False, 0)),
        ],
    }


def _catalogue_context(
    request: HttpRequest, form: CatalogueFilterForm, filters: CatalogueFilters, view: str
) -> dict[str, Any]:
    params = filter_params(filters)
    path = reverse(f"experiences:{view}")
    return {
        "view": view,
        "filters": filters,
        "form_action": path,
        "ignored": form.ignored(),
        "chips": filter_chips(filters, path),
        "clear_url": path,
        "list_url": with_query(reverse("experiences:list"), params),
        "map_url": with_query(reverse("experiences:map"), params),
        "export_links": [
            (label, with_query(reverse("experiences:export", kwargs={"fmt": fmt}), params))
            for fmt, label in (("csv", "CSV"), ("json", "JSON"), ("geojson", "GeoJSON"))
        ],
        "selected_sort": next(name for name, sort in SORTS.items() if sort == filters.sort),
        "sort_options": _sort_options(),
        "selected_evaluation": ""
        if filters.has_evaluation is None
        else (YES if filters.has_evaluation else NO),
        "partial": _wants_fragment(request),
        **_facet_options(form, filters),
    }


def _wants_fragment(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    if context["partial"]:
        response = render(request, "experiences/includes/results.html", context)
        # The address of what is shown, only with the values understood, so that it can
        # be shared or bookmarked.
        response["HX-Push-Url"] = context["address"]
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def experience_list(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET)
    filters = form.filters()
    paginator = Paginator(experience_catalogue(filters), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    page = [(PAGE_PARAMETER, str(page_obj.number))] if page_obj.number > 1 else []
    context = {
        **_catalogue_context(request, form, filters, "list"),
        "address": with_query(request.path, [*filter_params(filters), *page]),
        "page_obj": page_obj,
        "paginator": paginator,
        "total": paginator.count,
    }
    return _render(request, "experiences/list.html", context)


@require_safe
def experience_map(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET)
    filters = form.filters()
    params = filter_params(filters)
    total = experience_count(filters)
    context = {
        **_catalogue_context(request, form, filters, "map"),
        "address": with_query(request.path, params),
        "total": total,
        "counts_url": with_query(reverse("experiences:map_counts"), params),
        "markers_url": with_query(reverse("experiences:map_markers"), params)
        if 0 < total <= MARKER_LIMIT
        else "",
        "markers_note": MARKERS_NOTE if total > MARKER_LIMIT else "",
    }
    return _render(request, "experiences/map.html", context)


def _filters(request: HttpRequest) -> CatalogueFilters:
    """The filters of a data request; values not understood are simply left out."""
    return CatalogueFilterForm(request.GET).filters()


@require_safe
def map_region_counts(request: HttpRequest) -> JsonResponse:
    return JsonResponse(region_counts(_filters(request)))


@require_safe
def map_markers(request: HttpRequest) -> JsonResponse:
    return JsonResponse(_marker_collection(_filters(request)), content_type="application/geo+json")


def _marker_collection(filters: CatalogueFilters) -> dict[str, Any]:
    rows = marker_rows(filters)
    english = get_language() == "en"
    collection: dict[str, Any] = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [row["marker_longitude"], row["marker_latitude"]],
                },
                "properties": {
                    "name": (english and row["title_en"]) or row["title"],
                    "url": reverse("experiences:detail", kwargs={"slug": row["slug"]}),
                },
            }
            for row in rows or []
        ],
    }
    if rows is None:
        # GeoJSON allows foreign members: say why there are no points.
        collection["note"] = str(MARKERS_NOTE)
    return collection


@require_safe
def experience_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    exporter = exports.EXPORTERS.get(fmt)
    if exporter is None:
        raise Http404
    experiences = experience_open_data(_filters(request))
    response = StreamingHttpResponse(
        exporter.stream(experiences, request), content_type=exporter.content_type
    )
    filename = f"esperienze-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
