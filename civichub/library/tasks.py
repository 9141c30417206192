"""Background work of the library (django-tasks)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from wagtail.images.models import Image

from civichub.search.services import schedule_index

from .media import audio_duration, pdf_derivatives
from .models import DocumentPage, PodcastEpisodePage, ResourcePage


@task()
def refresh_derivatives(page_id: int) -> bool:
    """Compute what is read from a resource's file: a document's first-page preview,
    page count and text, or an episode's duration. Idempotent: a document is read again
    only when its file changed; an episode's duration (a header read) is written only
    when it differs. Writes with ``update()``: no new revision, no signals. Returns
    whether it wrote."""
    document_page = DocumentPage.objects.filter(pk=page_id).select_related("document").first()
    if document_page is not None:
        return _refresh_document(document_page)
    episode = PodcastEpisodePage.objects.filter(pk=page_id).select_related("audio").first()
    if episode is None:
        return False
    seconds = audio_duration(episode.audio)
    if seconds is None or seconds == episode.duration_seconds:
        return False
    PodcastEpisodePage.objects.filter(pk=page_id).update(duration_seconds=seconds)
    return True


def _refresh_document(page: DocumentPage) -> bool:
    if page.document_id == page.derived_from_id:
        return False
    png, page_count, text = pdf_derivatives(page.document)
    old_preview_id = page.preview_id
    with transaction.atomic():
        preview = None
        if png is not None:
            preview = Image(
                title=f"Anteprima: {page.title}"[:255],
                description=f"Anteprima della prima pagina di «{page.title}»"[:255],
                file=ContentFile(png, name=f"anteprima-{page.slug}.png"),
            )
            preview.save()
        DocumentPage.objects.filter(pk=page.pk).update(
            preview=preview,
            page_count=page_count,
            extracted_text=text,
            derived_from_id=page.document_id,
        )
        # The previous preview was made for this page alone.
        if old_preview_id and old_preview_id != getattr(preview, "pk", None):
            Image.objects.filter(pk=old_preview_id).delete()
        # update() sends no signal: the site search learns the new text from here.
        schedule_index(ResourcePage, [page.pk])
    return True
