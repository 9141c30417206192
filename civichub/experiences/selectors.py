"""Reads of experiences; each costs a constant number of queries whatever the data size."""

from typing import Any

from django.http import Http404

from .models import Experience

# Boundaries are large GeoJSON documents that no experience page or list needs.
NO_BOUNDARIES = ("region__boundary", "province__boundary")


def access_experience(user: Any, slug: str) -> Experience:
    """The experience if ``user`` may see it; the same 404 when it does not exist."""
    experience = (
        Experience.objects.visible_to(user)
        .select_related("region", "province", "iap2_level", "author", "replicated_from")
        .defer(*NO_BOUNDARIES)
        .filter(slug=slug)
        .first()
    )
    if experience is None:
        raise Http404
    return experience
