"""Template helpers of discussions: the thread list that the area page includes."""

from typing import Any

from django import template

from ..forms.discussions import ThreadFilterForm
from ..selectors import discussions as selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def thread_listing(context: Any, area: Any, threads: Any = None) -> dict[str, Any]:
    """One page of ``threads`` (``selectors.discussions.area_threads``, or computed here
    from the request's filters) with the filter form: a constant number of queries."""
    request = context.get("request")
    params = request.GET if request is not None else {}
    if threads is None:
        threads = selectors.area_threads(context.get("user"), area, params)
    form = ThreadFilterForm(params or None, tags=selectors.area_tags(area))
    filters = form.filters()
    page = selectors.threads_page(threads, area, params.get("pagina", 1))
    return {
        "page": page,
        "form": form,
        "filters": filters,
        "filtered": bool(filters.category or filters.tag or filters.unanswered),
    }
