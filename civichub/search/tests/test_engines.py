"""Any search backend through Wagtail's API (Elasticsearch, OpenSearch): the same results
as the database engine, here on the database backend itself."""

import pytest
from wagtail.search.backends import get_search_backend

from civichub.taxonomy.models import Theme

from ..engines import BackendEngine, current_engine
from ..models import Visibility
from ..registry import source_by_kind
from ..selectors import Results, SearchQuery, query_groups
from .factories import day, experience, index_all, organisation

pytestmark = pytest.mark.django_db


def query(text: str, **filters) -> SearchQuery:
    groups, _ = query_groups(text)
    return SearchQuery(text=text, groups=groups, visibilities=(Visibility.PUBLIC,), **filters)


def test_the_backend_engine_agrees_with_the_database_engine():
    youth = Theme.objects.get(slug="giovani")
    experience("Orti urbani dei giovani", themes=[youth], published_at=day(2))
    experience("Orto scolastico", slug="orto-scolastico", published_at=day(1))
    organisation("Associazione orti", themes=[youth])
    experience("Biblioteca", slug="biblioteca")
    index_all()
    backend = BackendEngine(get_search_backend())

    for search in (
        query("orto"),
        query("orto", source=source_by_kind("experience")),
        query("orti", theme=youth),
    ):
        expected = Results(search, current_engine())
        found = Results(search, backend)
        assert found.kind_counts == expected.kind_counts
        assert found.theme_counts == expected.theme_counts
        assert {hit.document.pk for hit in found[0:20]} == {
            hit.document.pk for hit in expected[0:20]
        }
