"""RSS 2.0 and Atom feeds of the news archive."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from .selectors import news_for_index

FEED_ITEMS = 30


class NewsRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __init__(self, index) -> None:
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed generator writes hundreds of tiny chunks; one body is sent at once.
        response.content = response.content
        return response

    def title(self) -> str:
        return str(self.index.tr_title)

    def description(self) -> str:
        return str(self.index.tr_intro or self.index.tr_title)

    subtitle = description

    def link(self) -> str:
        return self.index.url

    def items(self):
        return news_for_index(index=self.index)[:FEED_ITEMS]

    def item_title(self, item) -> str:
        return str(item.tr_title)

    def item_description(self, item) -> str:
        return str(item.tr_summary)

    def item_link(self, item) -> str:
        return item.url

    def item_pubdate(self, item) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item) -> datetime:
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item) -> list[str]:
        return [str(theme.tr_name) for theme in item.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
