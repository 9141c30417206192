"""Reads around one experience: everything its page shows, the experiences related to it,
and the published experiences of an organisation or of a person.

Each function costs a constant number of queries whatever the data size; territory
boundaries (large GeoJSON documents) are never loaded.
"""

from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects

from civichub.territories.models import Municipality, Province, Region

from .models import (
    Experience,
    ExperienceOrganisation,
    ExperienceReview,
    OrganisationRole,
    State,
)
from .selectors import experience_cards

RELATED_COUNT = 4
RELATED_CACHE_SECONDS = 300
# Editors' explicit links outrank any number of shared themes, methods and regions.
EXPLICIT_WEIGHT = 1000
# Candidates per shared theme, method or region: the latest ones (see _related_ids).
CANDIDATES_PER_VALUE = 500
REPLICATIONS_SHOWN = 10
LIST_LIMIT = 12

# What the short lists of an organisation's page and of a profile show.
LIST_FIELDS = ("pk", "slug", "title", "title_en", "published_at")


def experience_page(experience: Experience, *, with_reviews: bool = False) -> Experience:
    """Fetch what the page shows in one query per relation, whatever their number.

    ``with_reviews`` adds the workflow history, shown to authors and promoters only.
    """
    lookups: list[Any] = [
        Prefetch(
            "municipalities",
            Municipality.objects.select_related("province")
            .defer("boundary", "province__boundary")
            .order_by("name"),
        ),
        Prefetch("provinces", Province.objects.defer("boundary").order_by("name")),
        Prefetch("regions", Region.objects.defer("boundary").order_by("name")),
        "themes",
        "methods",
        "target_groups",
        Prefetch(
            "organisations",
            ExperienceOrganisation.objects.select_related("organisation").only(
                "experience_id",
                "role",
                "sort_order",
                "organisation__name",
                "organisation__slug",
                "organisation__is_public",
            ),
        ),
        "testimonials",
        "images",
        "documents",
        "links",
        Prefetch(
            "replications",
            Experience.objects.published()
            .only("pk", "slug", "title", "title_en", "replicated_from_id")
            .order_by("-published_at", "-pk")[:REPLICATIONS_SHOWN],
            to_attr="published_replications",
        ),
    ]
    if with_reviews:
        lookups.append(
            Prefetch(
                "reviews",
                ExperienceReview.objects.select_related("actor").order_by("-created_at", "-pk"),
            )
        )
    prefetch_related_objects([experience], *lookups)
    return experience


def organisations_by_role(experience: Experience) -> list[tuple[str, list[ExperienceOrganisation]]]:
    """The organisations of a page fetched by ``experience_page``, grouped by role in the
    order of the roles."""
    groups: dict[str, list[ExperienceOrganisation]] = {}
    for involvement in experience.organisations.all():
        groups.setdefault(involvement.role, []).append(involvement)
    return [
        (str(label), groups[value]) for value, label in OrganisationRole.choices if value in groups
    ]


def _related_ids(experience: Experience) -> list[int]:
    """Up to RELATED_COUNT published experiences: the editors' explicit links first,
    then those sharing most themes, methods and regions, in one aggregate query.

    Candidates come from the through tables' indexes: for each shared theme, method
    or region only the CANDIDATES_PER_VALUE latest experiences, so the query reads a
    few thousand index rows whatever the size of the catalogue (about 5 ms with
    100,000 experiences on PostgreSQL, against 75 ms when scoring every candidate).
    """
    quote = connection.ops.quote_name
    explicit: Any = Experience._meta.get_field("related_experiences")
    parts = [
        f"SELECT {quote(explicit.m2m_reverse_name())} AS eid, {EXPLICIT_WEIGHT} AS weight "  # noqa: S608 - names from model meta
        f"FROM {quote(explicit.remote_field.through._meta.db_table)} "
        f"WHERE {quote(explicit.m2m_column_name())} = %s"
    ]
    params: list[Any] = [experience.pk]
    for name in ("themes", "methods", "regions"):
        field: Any = Experience._meta.get_field(name)
        source = quote(field.m2m_column_name())
        for item in getattr(experience, name).all():
            parts.append(
                f"SELECT eid, 1 AS weight FROM (SELECT {source} AS eid "  # noqa: S608 - names from model meta
                f"FROM {quote(field.remote_field.through._meta.db_table)} "
                f"WHERE {quote(field.m2m_reverse_name())} = %s "
                f"ORDER BY {source} DESC LIMIT {CANDIDATES_PER_VALUE}) AS c{len(parts)}"
            )
            params.append(item.pk)
    sql = (
        f"SELECT e.id FROM (SELECT eid, SUM(weight) AS score FROM ({' UNION ALL '.join(parts)}) "  # noqa: S608 - values are parameters
        "AS shared GROUP BY eid) AS scored "
        f"INNER JOIN {quote(Experience._meta.db_table)} e ON e.id = scored.eid "
        "WHERE e.state = %s AND e.id <> %s "
        "ORDER BY scored.score DESC, e.published_at DESC, e.id DESC "
        "LIMIT %s"
    )
    params.extend([State.PUBLISHED, experience.pk, RELATED_COUNT])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def related_experiences(experience: Experience) -> list[Experience]:
    """The page's "Esperienze correlate", ready for ``includes/card.html`` (needs the
    themes, methods and regions fetched by ``experience_page``). Cached a few minutes
    per version of the experience."""
    key = f"experiences:related:{experience.pk}:{experience.updated_at.timestamp()}"
    related: list[Experience] | None = cache.get(key)
    if related is None:
        ids = _related_ids(experience)
        found = experience_cards(Experience.objects.published().filter(pk__in=ids)).in_bulk()
        related = [found[pk] for pk in ids if pk in found]
        cache.set(key, related, RELATED_CACHE_SECONDS)
    return related


def organisation_experiences(
    organisation: Any, *, limit: int = LIST_LIMIT
) -> tuple[list[Experience], int]:
    """The published experiences an organisation took part in, latest first, each with
    ``roles_here`` (its roles in it), and their total: three queries."""
    published = Experience.objects.published().filter(
        pk__in=ExperienceOrganisation.objects.filter(organisation=organisation).values(
            "experience_id"
        )
    )
    experiences = list(
        published.only(*LIST_FIELDS)
        .order_by("-published_at", "-pk")
        .prefetch_related(
            Prefetch(
                "organisations",
                ExperienceOrganisation.objects.filter(organisation=organisation).only(
                    "experience_id", "role", "sort_order"
                ),
                to_attr="roles_here",
            )
        )[:limit]
    )
    return experiences, published.count()


def author_experiences(author: Any, *, limit: int = LIST_LIMIT) -> tuple[list[Experience], int]:
    """A person's published experiences (as author), latest first, and their total:
    two queries."""
    published = Experience.objects.published().filter(author=author)
    experiences = list(published.only(*LIST_FIELDS).order_by("-published_at", "-pk")[:limit])
    return experiences, published.count()
