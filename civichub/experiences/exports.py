"""Open data: the public catalogue, or the filtered view of it, as CSV, JSON and GeoJSON.

Responses are streamed, reading the experiences in chunks with their relations, so the
whole catalogue never sits in memory. Exports are in Italian, the language of record,
whatever the visitor's interface language.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils import translation

from civichub.core.spreadsheets import csv_lines
from civichub.territories.models import Scale

from .models import BudgetBand, Experience, OrganisationRole, Recruitment, Status
from .selectors import COORDINATE_DECIMALS

CHUNK_SIZE = 1_000
LIST_SEPARATOR = " | "
COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "scale",
    "regions",
    "provinces",
    "comuni",
    "start_date",
    "end_date",
    "status",
    "themes",
    "methods",
    "iap2_level",
    "organisations",
    "participants_count",
    "recruitment",
    "budget_band",
    "has_evaluation",
    "licence",
    "published_at",
]


def _territory(territory: Any) -> dict[str, str]:
    return {"istat_code": territory.istat_code, "name": territory.name}


def _term(term: Any) -> dict[str, str]:
    return {"slug": term.slug, "name": term.name}


def record(experience: Experience, absolute: Callable[[str], str]) -> dict[str, Any]:
    """An experience as open data: codes for choices, lists for relations."""
    return {
        "id": experience.slug,
        "url": absolute(experience.get_absolute_url()),
        "title": experience.title,
        "summary": experience.summary,
        "scale": experience.scale,
        "regions": [_territory(region) for region in experience.regions.all()],
        "provinces": [_territory(province) for province in experience.provinces.all()],
        "comuni": [_territory(municipality) for municipality in experience.municipalities.all()],
        "start_date": experience.start_date,
        "end_date": experience.end_date,
        "status": experience.status,
        "themes": [_term(theme) for theme in experience.themes.all()],
        "methods": [_term(method) for method in experience.methods.all()],
        "iap2_level": _term(experience.iap2_level) if experience.iap2_level else None,
        "organisations": [
            {"name": link.organisation.name, "role": link.role}
            for link in experience.organisations.all()
        ],
        "participants_count": experience.participants_count,
        "recruitment": experience.recruitment,
        "budget_band": experience.budget_band,
        "has_evaluation": experience.has_evaluation,
        "licence": experience.licence,
        "licence_url": experience.licence_url,
        "published_at": experience.published_at,
    }


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value else ""


def _names(items: Iterable[dict[str, str]]) -> str:
    return LIST_SEPARATOR.join(item["name"] for item in items)


def csv_row(data: dict[str, Any]) -> list[str]:
    """The record as spreadsheet cells: labels instead of codes, lists joined."""
    cells = {
        **data,
        "scale": _label(Scale, data["scale"]),
        "regions": _names(data["regions"]),
        "provinces": _names(data["provinces"]),
        "comuni": _names(data["comuni"]),
        "status": _label(Status, data["status"]),
        "themes": _names(data["themes"]),
        "methods": _names(data["methods"]),
        "iap2_level": data["iap2_level"]["name"] if data["iap2_level"] else "",
        "organisations": LIST_SEPARATOR.join(
            f"{org['name']} ({_label(OrganisationRole, org['role'])})"
            for org in data["organisations"]
        ),
        "recruitment": _label(Recruitment, data["recruitment"]),
        "budget_band": _label(BudgetBand, data["budget_band"]),
        "has_evaluation": "sì" if data["has_evaluation"] else "no",
        "published_at": data["published_at"].isoformat() if data["published_at"] else "",
    }
    return [cells[column] for column in COLUMNS]


def _records(experiences: Any, request: HttpRequest) -> Iterator[tuple[Experience, dict]]:
    for experience in experiences.iterator(chunk_size=CHUNK_SIZE):
        yield experience, record(experience, request.build_absolute_uri)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)


def csv_stream(experiences: Any, request: HttpRequest) -> Iterator[str]:
    with translation.override("it"):
        yield from csv_lines(
            COLUMNS, (csv_row(data) for _experience, data in _records(experiences, request))
        )


def json_stream(experiences: Any, request: HttpRequest) -> Iterator[str]:
    separator = "[\n"
    for _experience, data in _records(experiences, request):
        yield separator + _json(data)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def geojson_stream(experiences: Any, request: HttpRequest) -> Iterator[str]:
    located = experiences.filter(marker_latitude__isnull=False, marker_longitude__isnull=False)
    yield '{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for experience, data in _records(located, request):
        latitude, longitude = experience.marker_latitude, experience.marker_longitude
        if latitude is None or longitude is None:
            continue
        point = [round(longitude, COORDINATE_DECIMALS), round(latitude, COORDINATE_DECIMALS)]
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": point}}
        yield separator + _json({**feature, "properties": data})
        separator = ",\n"
    yield "\n]}\n"


@dataclass(frozen=True)
class Exporter:
    content_type: str
    stream: Callable[[Any, HttpRequest], Iterator[str]]


EXPORTERS = {
    "csv": Exporter("text/csv; charset=utf-8", csv_stream),
    "json": Exporter("application/json", json_stream),
    "geojson": Exporter("application/geo+json", geojson_stream),
}
