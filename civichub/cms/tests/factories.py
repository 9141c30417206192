"""Page builders for tests: Wagtail pages need a place in the tree, not just a row."""

import datetime
import json

from django.utils import timezone

from civichub.cms.models import HomePage, NewsIndexPage, NewsPage


def home_page() -> HomePage:
    return HomePage.objects.get()


def news_index(**fields) -> NewsIndexPage:
    existing = NewsIndexPage.objects.first()
    if existing:
        return existing
    page = NewsIndexPage(slug="notizie", title="Notizie", title_en="News", **fields)
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def news_page(index: NewsIndexPage, *, n: int, themes=(), live: bool = True, **fields) -> NewsPage:
    values = {
        "slug": f"notizia-{n}",
        "title": f"Notizia numero {n}",
        "date": timezone.localdate() - datetime.timedelta(days=n),
        "summary": f"Sommario della notizia {n}.",
        "body": json.dumps([{"type": "paragraph", "value": f"<p>Testo {n}</p>"}]),
    }
    values.update(fields)
    page = NewsPage(**values)
    index.add_child(instance=page)
    page.themes.set(list(themes))
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    return page
