"""Browsing the catalogue: list, map, map data and open-data exports. (Helper 1 replaces.)"""

from django.http import HttpResponse


def _pending(*args, **kwargs):
    return HttpResponse(status=501)


experience_list = experience_map = map_region_counts = map_markers = experience_export = _pending
