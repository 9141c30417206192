"""Read queries for editorial content, each with a constant number of SQL queries."""

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

from civichub.taxonomy.models import Theme

NEWS_INDEX_URL_CACHE_KEY = "cms:news-index-url"
FOOTER_URLS_CACHE_KEY = "cms:footer-urls"
FOOTER_PAGES = ("about_page", "privacy_page", "legal_page", "accessibility_page")
NEWS_THUMBNAIL = "fill-640x360"


def news_index_url() -> str | None:
    """URL of the live news archive, cached: it is on every page's navigation."""
    from .models import NewsIndexPage

    url = cache.get(NEWS_INDEX_URL_CACHE_KEY)
    if url is None:
        index = NewsIndexPage.objects.live().public().first()
        url = (index.url if index else "") or ""
        cache.set(NEWS_INDEX_URL_CACHE_KEY, url, 300)
    return url or None


def footer_page_urls(hub) -> dict[str, str]:
    """URLs of the live pages linked from every footer, looked up once and cached."""
    from wagtail.models import Page

    urls = cache.get(FOOTER_URLS_CACHE_KEY)
    if urls is None:
        ids = {name: getattr(hub, f"{name}_id") for name in FOOTER_PAGES}
        pages = Page.objects.live().in_bulk([pk for pk in ids.values() if pk])
        urls = {name: pages[pk].url for name, pk in ids.items() if pk in pages}
        cache.set(FOOTER_URLS_CACHE_KEY, urls, 300)
    return urls


def _with_list_relations(queryset: QuerySet) -> QuerySet:
    images = get_image_model().objects.prefetch_renditions(NEWS_THUMBNAIL)
    return queryset.select_related("image").prefetch_related(
        Prefetch("image", queryset=images),
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
    )


def news_for_index(*, index, theme: Theme | None = None) -> QuerySet:
    from .models import NewsPage

    queryset = NewsPage.objects.live().public().child_of(index)
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    return _with_list_relations(queryset.order_by("-date", "-pk"))


def latest_news(*, count: int) -> list:
    from .models import NewsPage

    return list(
        _with_list_relations(NewsPage.objects.live().public().order_by("-date", "-pk"))[:count]
    )


def related_news(page, *, count: int = 3) -> list:
    from .models import NewsPage

    theme_ids = list(page.themes.values_list("pk", flat=True))
    queryset = NewsPage.objects.live().public().exclude(pk=page.pk)
    if theme_ids:
        queryset = queryset.filter(themes__in=theme_ids).distinct()
    return list(_with_list_relations(queryset.order_by("-date", "-pk"))[:count])
