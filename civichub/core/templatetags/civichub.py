from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def icon(name: str, classes: str = "", title: str = "") -> str:
    """An icon from the Bootstrap Italia sprite; decorative unless a title is given."""
    sprite = static("bootstrap-italia/svg/sprites.svg")
    if title:
        return format_html(
            '<svg class="icon {}" role="img" aria-label="{}"><use href="{}#{}"></use></svg>',
            classes,
            title,
            sprite,
            name,
        )
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        classes,
        sprite,
        name,
    )


@register.inclusion_tag("civichub/components/pagination.html", takes_context=True)
def pagination(context, page_obj) -> dict:
    """Numbered pagination that keeps the other query parameters (filters)."""
    return {
        "request": context.get("request"),
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        ),
    }
