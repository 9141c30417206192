"""Benchmark resources: the rows of every table of each kind, a top-up without
duplicates, a sound page tree, pages Wagtail serves, search documents."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from civichub.search import bench as search_bench
from civichub.search.models import SearchDocument

from .. import bench
from ..models import (
    LibraryIndexPage,
    MethodSheetPage,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceFile,
    ResourceKind,
    ResourcePage,
    ToolkitPage,
)

pytestmark = pytest.mark.django_db


def seed(scale: float) -> list[str]:
    messages: list[str] = []
    bench.seed(scale=scale, log=messages.append)
    return messages


def bench_resources():
    return ResourcePage.objects.filter(slug__startswith=bench.SLUG_PREFIX)


@pytest.fixture
def seeded() -> list[str]:
    return seed(0.01)


def test_every_table_of_every_kind_gets_its_rows(seeded: list[str]) -> None:
    assert seeded == [
        "pagina Strumenti creata",
        "strumenti: 50 creati, 0 già presenti (obiettivo 50)",
    ]
    assert bench_resources().count() == 50
    for kind, model in bench.MODELS.items():
        count = bench_resources().filter(kind=kind).count()
        assert count > 0, kind
        # The specific table has one row per base row, with the same key.
        assert model.objects.filter(slug__startswith=bench.SLUG_PREFIX).count() == count
        assert ContentType.objects.get_for_model(model).pk == (
            bench_resources().filter(kind=kind).values_list("content_type", flat=True).first()
        )
    assert bench_resources().filter(themes__isnull=False).distinct().count() == 50
    sheet = MethodSheetPage.objects.filter(slug__startswith=bench.SLUG_PREFIX).first()
    assert sheet is not None
    assert sheet.methods.filter(pk=sheet.method_id).exists()
    assert sheet.steps
    toolkits = ToolkitPage.objects.filter(slug__startswith=bench.SLUG_PREFIX)
    assert ResourceFile.objects.filter(resource__in=toolkits).count() == toolkits.count()


def test_the_page_tree_is_sound(seeded: list[str]) -> None:
    index = LibraryIndexPage.objects.get()
    series = PodcastSeriesPage.objects.get(slug=bench.SERIES_SLUG)
    episodes = PodcastEpisodePage.objects.filter(slug__startswith=bench.SLUG_PREFIX)

    assert Page.find_problems() == ([], [], [], [], [])
    assert index.numchild == index.get_children().count()
    assert series.numchild == episodes.count() == episodes.child_of(series).count()
    assert bench_resources().live().count() == 50


def test_a_second_run_adds_nothing_and_a_larger_scale_tops_up(seeded: list[str]) -> None:
    assert seed(0.01) == ["strumenti: 50 già presenti (obiettivo 50)"]
    assert seed(0.02) == ["strumenti: 50 creati, 50 già presenti (obiettivo 100)"]
    assert bench_resources().count() == 100
    assert Page.find_problems() == ([], [], [], [], [])


def test_wagtail_serves_a_page_of_every_kind(client, seeded: list[str]) -> None:
    for kind in ResourceKind.values:
        page = bench_resources().filter(kind=kind).order_by("pk").first()
        assert page is not None
        response = client.get(page.url)
        assert response.status_code == 200, kind
        assert page.title in response.content.decode()
    assert client.get("/strumenti/").status_code == 200


def test_the_search_seed_indexes_the_bench_resources(seeded: list[str]) -> None:
    search_bench.seed(scale=0.01, log=lambda message: None)

    content_type = ContentType.objects.get_for_model(ResourcePage)
    assert SearchDocument.objects.filter(content_type=content_type).count() == 50
