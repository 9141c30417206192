from django import template

from civichub.cms.selectors import latest_news as select_latest_news

register = template.Library()


@register.simple_tag
def latest_news(count: int) -> list:
    return select_latest_news(count=count)
