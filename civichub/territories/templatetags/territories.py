import secrets

from django import template
from django.conf import settings

from civichub.territories.credits import DATA_CREDIT

register = template.Library()


@register.simple_tag
def territory_map_settings() -> dict[str, str]:
    """What territories/components/map.html needs besides its arguments: the optional
    tile server, the data credit and an id unique on the page."""
    return {
        "uid": f"mappa-{secrets.token_hex(4)}",
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "credit": str(DATA_CREDIT),
    }
