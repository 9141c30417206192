"""Background work of the search app (django-tasks)."""

from django_tasks import task

from .services import index_labelled


@task()
def index_documents(*, objects: dict[str, list[int]]) -> int:
    """Refresh the documents of ``{"app_label.model": [pk, …]}``; returns how many changed."""
    return index_labelled(objects).changed
