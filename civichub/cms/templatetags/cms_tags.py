from django import template

from civichub.cms.blocks import LinkBlock
from civichub.cms.selectors import latest_news as select_latest_news

register = template.Library()


@register.simple_tag
def latest_news(count: int) -> list:
    return select_latest_news(count=count)


@register.filter
def link_href(value) -> str:
    """The address of a LinkBlock value."""
    return LinkBlock.href(value)
