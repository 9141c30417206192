"""The site-wide search index: one denormalised row per findable object.

Sources (``registry.py``) turn experiences, organisations, news… into ``SearchDocument``
rows; Wagtail's search backend indexes those rows, as Italian stems (``analysis.py``).
``SearchTerm`` is the vocabulary of the public documents, for "did you mean".
"""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from civichub.core.i18n import TranslatedField

from . import analysis

BODY_MAX_LENGTH = 20_000


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Tutti")
    MEMBERS = "members", _("Solo iscritti")


class StemmedField(index.SearchField):
    """A search field whose indexed value is the Italian stems of ``text(document)``.

    The field named ``title`` fills the backends' title column (ranked higher); the one
    named ``body`` holds every stem, title included, so that matching needs one column.
    """

    def __init__(
        self, field_name: str, *, text: Callable[["SearchDocument"], str], **kwargs: Any
    ) -> None:
        super().__init__(field_name, **kwargs)
        self.text = text

    def get_value(self, obj: Any) -> str:
        return " ".join(analysis.terms(self.text(obj)))


def _title_text(document: "SearchDocument") -> str:
    return f"{document.title} {document.title_en}"


def _all_text(document: "SearchDocument") -> str:
    return " ".join(
        (
            document.title,
            document.title_en,
            document.summary,
            document.summary_en,
            document.body,
            document.keywords,
        )
    )


class SearchDocument(index.Indexed, models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Not "object_id": modelsearch annotates indexed models with that name.
    object_pk = models.PositiveBigIntegerField()
    kind = models.CharField(_("tipo"), max_length=30)
    title = models.CharField(_("titolo"), max_length=300)
    title_en = models.CharField(_("titolo (inglese)"), max_length=300, blank=True)
    summary = models.TextField(_("sommario"), blank=True)
    summary_en = models.TextField(_("sommario (inglese)"), blank=True)
    # Plain text, shown only through analysis.snippet(), which escapes it.
    body = models.TextField(_("testo"), blank=True)
    # Searchable but never shown: theme names, places, kinds.
    keywords = models.TextField(_("parole chiave"), blank=True)
    url = models.CharField(_("indirizzo"), max_length=500)
    themes = models.ManyToManyField("taxonomy.Theme", blank=True, related_name="+")
    visibility = models.CharField(
        _("visibilità"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    published_at = models.DateTimeField(_("data"), null=True, blank=True)
    language = models.CharField(_("lingua"), max_length=8, default="it")
    indexed_at = models.DateTimeField(_("indicizzato il"), default=timezone.now)

    tr_title = TranslatedField("title", "title_en")
    tr_summary = TranslatedField("summary", "summary_en")

    # services.py indexes documents itself, in bulk, after commit.
    search_auto_update = False
    search_fields = [
        StemmedField("title", text=_title_text, boost=3),
        StemmedField("body", text=_all_text),
        index.FilterField("kind"),
        index.FilterField("visibility"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("documento di ricerca")
        verbose_name_plural = _("documenti di ricerca")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_pk"], name="search_document_object_unique"
            )
        ]
        # What a search reads of every matching document, without its texts.
        indexes = [
            models.Index(
                fields=["id", "visibility", "kind", "published_at"], name="search_doc_match_idx"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """A word of the public documents and how many contain it."""

    word = models.CharField(max_length=analysis.MAX_WORD_LENGTH, unique=True)
    stem = models.CharField(max_length=analysis.MAX_WORD_LENGTH, db_index=True)
    # Without accents: candidates for a misspelt word share its first letter.
    initial = models.CharField(max_length=1)
    document_count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("parola dell'indice")
        verbose_name_plural = _("parole dell'indice")
        indexes = [
            models.Index(fields=["initial", "-document_count"], name="search_term_initial_idx")
        ]

    def __str__(self) -> str:
        return self.word
