"""Public endpoints: GeoJSON for the map component, suggestions for the comune picker."""

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import selectors

GEOJSON_MAX_AGE = 3600
SUGGESTIONS = 10
MAX_QUERY_LENGTH = 100
_REGION_CODE = re.compile(r"\d{1,2}")
_PROVINCE_CODE = re.compile(r"\d{1,3}")
# The picker sends the id of its listbox so that option ids are unique on the page.
_ELEMENT_ID = re.compile(r"[A-Za-z][\w-]{0,80}")


def _geojson(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="application/geo+json")


def _bad_parameter(message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=400)


@require_safe
@cache_control(public=True, max_age=GEOJSON_MAX_AGE)
def regions_geojson(request: HttpRequest) -> HttpResponse:
    return _geojson(selectors.regions_geojson())


@require_safe
@cache_control(public=True, max_age=GEOJSON_MAX_AGE)
def provinces_geojson(request: HttpRequest) -> HttpResponse:
    region = request.GET.get("regione", "").strip()
    if region and not _REGION_CODE.fullmatch(region):
        return _bad_parameter(_("«regione» deve essere un codice ISTAT di regione, ad es. 08."))
    return _geojson(selectors.provinces_geojson(region.zfill(2) if region else None))


@require_safe
@cache_control(public=True, max_age=GEOJSON_MAX_AGE)
def municipalities_geojson(request: HttpRequest) -> HttpResponse:
    # Only one province at a time: all the comuni together weigh megabytes.
    province = request.GET.get("provincia", "").strip()
    if not _PROVINCE_CODE.fullmatch(province):
        return _bad_parameter(
            _("«provincia» è obbligatoria: un codice ISTAT di provincia, ad es. 037.")
        )
    return _geojson(selectors.municipalities_geojson(province.zfill(3)))


@require_safe
def municipality_search(request: HttpRequest) -> HttpResponse:
    """The picker's listbox: an HTML fragment with the best matches for ``q``."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
    listbox_id = request.GET.get("listbox", "")
    if not _ELEMENT_ID.fullmatch(listbox_id):
        listbox_id = "comuni-suggeriti"
    results = selectors.municipality_search(query, SUGGESTIONS) if query else []
    if results:
        status = ngettext(
            "%(count)d comune trovato: usa le frecce su e giù per sceglierlo.",
            "%(count)d comuni trovati: usa le frecce su e giù per sceglierne uno.",
            len(results),
        ) % {"count": len(results)}
    elif query:
        status = _("Nessun comune trovato.")
    else:
        status = ""
    # Rendered without the request: a fragment needs none of the page context
    # processors (and their queries).
    return HttpResponse(
        render_to_string(
            "territories/partials/municipality_options.html",
            {"query": query, "results": results, "listbox_id": listbox_id, "status": status},
        )
    )
