"""Demo territories: the whole country, or the regions in TERRITORIES_DEMO_REGIONS."""

from collections.abc import Callable

from django.conf import settings

from .models import Municipality, Region
from .services import REGION_COUNT, territories_load


def seed(log: Callable[[str], None]) -> None:
    # The test settings name a couple of regions: seed_demo runs before many tests.
    regions: list[str] | None = getattr(settings, "TERRITORIES_DEMO_REGIONS", None)
    loaded = Region.objects.filter(municipalities__isnull=False).distinct()
    if regions:
        loaded = loaded.filter(istat_code__in=[code.zfill(2) for code in regions])
    if loaded.count() >= (len(regions) if regions else REGION_COUNT):
        log(f"territori: {Municipality.objects.count()} comuni già presenti")
        return
    report = territories_load(regions=regions)
    log(
        "territori: {regions} regioni, {provinces} province, {municipalities} comuni".format(
            **report.counts
        )
    )
