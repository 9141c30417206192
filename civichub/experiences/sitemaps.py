"""Published experiences in /sitemap.xml, next to Wagtail's pages."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from .models import Experience


class ExperienceSitemap(Sitemap):
    """Only published experiences: drafts, submissions and rejected ones never appear."""

    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[Experience]:
        return Experience.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def location(self, item: Experience) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: Experience) -> datetime.datetime:
        return item.updated_at
