"""Writes of experiences. Every change goes through a function here (DESIGN.md)."""

from django.db import transaction

from civichub.territories.models import Province, Region

from .models import Experience

# Paths of urls.py that a slug must never take.
RESERVED_SLUGS = frozenset({"mappa", "nuova", "mie", "seguite", "revisione", "esporta"})


@transaction.atomic
def experience_refresh_derived(experience: Experience) -> None:
    """Recompute the columns lists and facets read: regions and provinces touched, and
    the map point (the author's point, else the centre of the first comune, province
    or region)."""
    municipalities = list(
        experience.municipalities.only("centroid_lat", "centroid_lon", "province_id", "region_id")
    )
    province_ids = {m.province_id for m in municipalities}
    region_ids = {m.region_id for m in municipalities}
    if experience.province_id:
        province_ids.add(experience.province_id)
        region_ids.add(
            Province.objects.filter(pk=experience.province_id).values_list("region_id", flat=True)[0]
        )
    if experience.region_id:
        region_ids.add(experience.region_id)
    experience.provinces.set(province_ids)
    experience.regions.set(region_ids)

    point: tuple[float, float] | None = None
    if experience.latitude is not None and experience.longitude is not None:
        point = (float(experience.latitude), float(experience.longitude))
    elif municipalities and municipalities[0].centroid_lat is not None:
        point = (municipalities[0].centroid_lat, municipalities[0].centroid_lon)
    else:
        area = (
            Province.objects.defer("boundary").filter(pk=experience.province_id).first()
            if experience.province_id
            else Region.objects.defer("boundary").filter(pk=experience.region_id).first()
            if experience.region_id
            else None
        )
        if area is not None and area.centroid_lat is not None:
            point = (area.centroid_lat, area.centroid_lon)
    experience.marker_latitude, experience.marker_longitude = point or (None, None)
    experience.save(update_fields=["marker_latitude", "marker_longitude"])
