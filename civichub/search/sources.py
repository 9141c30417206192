"""The searchable content of the existing apps, and the signals that keep it indexed.

Registered here rather than in each app so that the search app is the only one that
knows about search documents. Indexing follows signals, not services: the back office
edits experiences and organisations through Wagtail's forms, and editors publish,
unpublish, move and restrict news pages in Wagtail, none of which calls our services.
Every receiver only schedules a task after commit; the task reads the object again and
decides from its current state.
"""

import datetime
from typing import Any

from django.db.models import (
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
)
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from civichub.cms.models import NewsPage
from civichub.experiences.models import Experience
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import ParticipatoryMethod, Theme
from civichub.territories.models import Municipality

from .analysis import plain_text
from .models import Visibility
from .registry import Document, register_source, sources
from .services import schedule_index

_THEMES = Prefetch("themes", queryset=Theme.objects.only("pk", "name", "name_en"))


def _theme_words(obj: Any) -> list[str]:
    return [name for theme in obj.themes.all() for name in (theme.name, theme.name_en) if name]


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


# --- experiences -----------------------------------------------------------------------------


def _experiences() -> QuerySet[Experience]:
    return (
        Experience.objects.published()
        .select_related("region", "province")
        .defer("region__boundary", "province__boundary")
        .prefetch_related(
            _THEMES,
            Prefetch("methods", queryset=ParticipatoryMethod.objects.only("pk", "name")),
            Prefetch("municipalities", queryset=Municipality.objects.only("pk", "name")),
        )
    )


def _experience_document(experience: Experience) -> Document:
    places = [m.name for m in experience.municipalities.all()]
    places += [p.name for p in (experience.province, experience.region) if p is not None]
    return Document(
        title=experience.title,
        title_en=experience.title_en,
        summary=experience.summary,
        summary_en=experience.summary_en,
        body=plain_text(
            _join(
                experience.narrative,
                experience.outcomes,
                experience.lessons,
                experience.evidence,
                experience.replicability,
                experience.narrative_en,
                experience.outcomes_en,
                experience.lessons_en,
            )
        ),
        keywords=" ".join(
            [*_theme_words(experience), *(m.name for m in experience.methods.all()), *places]
        ),
        url=experience.get_absolute_url(),
        theme_ids=[theme.pk for theme in experience.themes.all()],
        published_at=experience.published_at,
    )


# --- organisations -----------------------------------------------------------------------------


def _organisations() -> QuerySet[Organisation]:
    return (
        Organisation.objects.public()
        .select_related("municipality", "region")
        .defer("municipality__boundary", "region__boundary")
        .prefetch_related(_THEMES)
    )


def _organisation_document(organisation: Organisation) -> Document:
    places = [p.name for p in (organisation.municipality, organisation.region) if p is not None]
    return Document(
        title=organisation.name,
        summary=organisation.summary,
        body=plain_text(_join(organisation.description, organisation.competences)),
        keywords=" ".join(
            [*_theme_words(organisation), str(organisation.get_kind_display()), *places]
        ),
        url=organisation.get_absolute_url(),
        theme_ids=[theme.pk for theme in organisation.themes.all()],
        published_at=organisation.created_at,
    )


# --- news --------------------------------------------------------------------------------------


def _news() -> QuerySet[NewsPage]:
    # View restrictions apply to a page and everything below it.
    target = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restrictions = PageViewRestriction.objects.annotate(target=target).filter(
        target__startswith=F("page__path")
    )
    return (
        NewsPage.objects.live()
        .annotate(
            restricted=Exists(restrictions.exclude(restriction_type=PageViewRestriction.LOGIN)),
            members_only=Exists(restrictions.filter(restriction_type=PageViewRestriction.LOGIN)),
        )
        .prefetch_related(_THEMES)
    )


def _stream_text(page: NewsPage, name: str) -> str:
    field = NewsPage._meta.get_field(name)
    return " ".join(str(text) for text in field.get_searchable_content(getattr(page, name)))


def _news_document(page: Any) -> Document | None:
    url = page.get_url()
    # A password or a group restriction: not for the site search, even for members.
    if page.restricted or not url:
        return None
    return Document(
        title=page.title,
        title_en=page.title_en,
        summary=page.summary,
        summary_en=page.summary_en,
        body=plain_text(_join(_stream_text(page, "body"), _stream_text(page, "body_en"))),
        keywords=" ".join(_theme_words(page)),
        url=url,
        theme_ids=[theme.pk for theme in page.themes.all()],
        visibility=Visibility.MEMBERS if page.members_only else Visibility.PUBLIC,
        published_at=timezone.make_aware(datetime.datetime.combine(page.date, datetime.time())),
    )


register_source(
    Experience,
    kind="experience",
    slug="esperienze",
    label=_("Esperienza"),
    label_plural=_("Esperienze"),
    queryset=_experiences,
    document=_experience_document,
)
register_source(
    Organisation,
    kind="organisation",
    slug="organizzazioni",
    label=_("Organizzazione"),
    label_plural=_("Organizzazioni"),
    queryset=_organisations,
    document=_organisation_document,
)
register_source(
    NewsPage,
    kind="news",
    slug="notizie",
    label=_("Notizia"),
    label_plural=_("Notizie"),
    queryset=_news,
    document=_news_document,
)

# Relations that documents read, whose changes may come without a save of the object.
_RELATIONS = [
    Experience.themes.through,
    Experience.methods.through,
    Experience.municipalities.through,
    Organisation.themes.through,
    NewsPage.themes.through,
]


# --- receivers ---------------------------------------------------------------------------------


def _object_changed(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        schedule_index(sender, [instance.pk])


def _relation_changed(
    instance: Model, action: str, reverse: bool, model: type[Model], pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    if reverse:
        # theme.experiences.add(…): the objects are in pk_set (unknown for a clear).
        schedule_index(model, pk_set or [])
    else:
        schedule_index(type(instance), [instance.pk])


def _page_changed(sender: type[Model], instance: Page, **kwargs: Any) -> None:
    schedule_index(sender, [instance.pk])


def _restriction_changed(instance: PageViewRestriction, **kwargs: Any) -> None:
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is None:
        return
    for source in sources():
        if issubclass(source.model, Page):
            pages = source.model._default_manager.filter(path__startswith=path)
            schedule_index(source.model, pages.values_list("pk", flat=True))


def connect_signals() -> None:
    for source in sources():
        uid = source.model._meta.label_lower
        post_save.connect(_object_changed, sender=source.model, dispatch_uid=f"search-save-{uid}")
        post_delete.connect(
            _object_changed, sender=source.model, dispatch_uid=f"search-delete-{uid}"
        )
    for through in _RELATIONS:
        m2m_changed.connect(
            _relation_changed, sender=through, dispatch_uid=f"search-m2m-{through._meta.label}"
        )
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-save"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-delete"
    )
