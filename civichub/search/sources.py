"""The searchable content of the existing apps, and the signals that keep it indexed.

Registered here rather than in each app so that the search app is the only one that
knows about search documents. Indexing follows signals, not services: the back office
edits experiences and organisations through Wagtail's forms, and editors publish,
unpublish, move and restrict news and library pages in Wagtail, none of which calls our
services. Every receiver only schedules a task after commit; the task reads the object
again and decides from its current state.
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
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from civichub.cms.models import NewsPage
from civichub.communities.models import Area, Category, Thread
from civichub.communities.models import Visibility as AreaVisibility
from civichub.events.models import Event, EventKind
from civichub.experiences.models import Experience
from civichub.library.models import ResourceKind, ResourcePage
from civichub.moderation.models import ContentState
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import ParticipatoryMethod, Theme
from civichub.territories.models import Municipality

from .analysis import plain_text
from .models import Visibility
from .registry import Document, register_source, source_for, sources
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


def _restrictions() -> dict[str, Exists]:
    """``restricted`` (password or groups) and ``members_only`` (login) annotations of a
    page queryset: view restrictions apply to a page and everything below it."""
    target = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restrictions = PageViewRestriction.objects.annotate(target=target).filter(
        target__startswith=F("page__path")
    )
    return {
        "restricted": Exists(restrictions.exclude(restriction_type=PageViewRestriction.LOGIN)),
        "members_only": Exists(restrictions.filter(restriction_type=PageViewRestriction.LOGIN)),
    }


def _news() -> QuerySet[NewsPage]:
    return NewsPage.objects.live().annotate(**_restrictions()).prefetch_related(_THEMES)


def _stream_text(page: Page, name: str) -> str:
    field = type(page)._meta.get_field(name)
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


# --- library resources -------------------------------------------------------------------------

# The text of each kind beyond what ResourcePage shares: rich text and plain text fields
# (HTML is stripped) and stream fields (their searchable content).
_RESOURCE_TEXT: dict[str, tuple[str, ...]] = {
    ResourceKind.GUIDE: ("body", "body_en"),
    ResourceKind.DOCUMENT: ("description", "description_en", "extracted_text"),
    ResourceKind.WEBINAR: ("description", "transcript"),
    ResourceKind.PODCAST: ("show_notes", "show_notes_en", "transcript"),
    ResourceKind.TOOLKIT: ("instructions", "instructions_en"),
    ResourceKind.METHOD: (
        "when_to_use",
        "when_not_to_use",
        "steps",
        "duration",
        "group_size",
        "roles",
        "materials",
        "risks",
    ),
    ResourceKind.CASE_STUDY: ("context", "approach", "results", "lessons"),
}


def _resources() -> QuerySet[ResourcePage]:
    # specific(): one query per kind for the specific rows, whatever the number of pages;
    # the relations are fetched by each of those queries.
    return (
        ResourcePage.objects.live()
        .annotate(**_restrictions())
        .specific()
        .select_related("organisation", for_specific_subqueries=True)
        .prefetch_related(
            _THEMES,
            Prefetch("methods", queryset=ParticipatoryMethod.objects.only("pk", "name")),
            for_specific_subqueries=True,
        )
    )


def _field_text(page: Page, name: str) -> str:
    if isinstance(page._meta.get_field(name), StreamField):
        return _stream_text(page, name)
    return getattr(page, name) or ""


def _resource_document(page: Any) -> Document | None:
    url = page.get_url()
    if page.restricted or not url:
        return None
    fields = _RESOURCE_TEXT.get(page.kind, ())
    # A page whose specific row is missing comes back as a bare ResourcePage.
    texts = [_field_text(page, name) for name in fields if hasattr(page, name)]
    with translation.override("it"):  # the same keywords whoever triggers the indexing
        kind_label = str(dict(ResourceKind.choices).get(page.kind, ""))
    organisation = page.organisation.name if page.organisation_id else ""
    return Document(
        title=page.title,
        title_en=page.title_en,
        summary=page.summary,
        summary_en=page.summary_en,
        body=plain_text(_join(*texts)),
        keywords=" ".join(
            [
                *_theme_words(page),
                *(method.name for method in page.methods.all()),
                kind_label,
                page.authors,
                organisation,
            ]
        ),
        url=url,
        theme_ids=[theme.pk for theme in page.themes.all()],
        visibility=Visibility.MEMBERS if page.members_only else Visibility.PUBLIC,
        published_at=timezone.make_aware(
            datetime.datetime.combine(page.publication_date, datetime.time())
        ),
        language=page.language,
    )


# --- events ------------------------------------------------------------------------------------


def _events() -> QuerySet[Event]:
    return (
        Event.objects.public()
        .select_related("municipality", "region", "organisation")
        .defer("municipality__boundary", "region__boundary")
        .prefetch_related(_THEMES, "sessions", "speakers")
    )


def _event_document(event: Event) -> Document:
    """Published and cancelled events (the page says it is cancelled), dated by their
    start, so that the newest results are the next ones."""
    with translation.override("it"):  # the same keywords whoever triggers the indexing
        kind_label = str(dict(EventKind.choices).get(event.kind, ""))
    places = [p.name for p in (event.municipality, event.region) if p is not None]
    organisation = event.organisation.name if event.organisation else ""
    return Document(
        title=event.title,
        title_en=event.title_en,
        summary=event.summary,
        summary_en=event.summary_en,
        body=plain_text(
            _join(
                event.description,
                *(session.title for session in event.sessions.all()),
                *(f"{speaker.name} {speaker.role}" for speaker in event.speakers.all()),
                event.venue_name,
                event.description_en,
            )
        ),
        keywords=" ".join([*_theme_words(event), kind_label, *places, organisation]),
        url=event.get_absolute_url(),
        theme_ids=[theme.pk for theme in event.themes.all()],
        published_at=event.starts_at,
        language=event.language,
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
register_source(
    ResourcePage,
    kind="resource",
    slug="strumenti",
    label=_("Strumento"),
    label_plural=_("Strumenti"),
    queryset=_resources,
    document=_resource_document,
)
register_source(
    Event,
    kind="event",
    slug="eventi",
    label=_("Evento"),
    label_plural=_("Eventi"),
    queryset=_events,
    document=_event_document,
)


# --- communities: discussions ------------------------------------------------------------------


def _threads() -> QuerySet[Thread]:
    return Thread.objects.select_related("area").prefetch_related("tags")


def _thread_document(thread: Thread) -> Document | None:
    """Visible threads of public areas (for everyone) and of members-only areas (for
    members); never a private area's, nor a held, hidden or removed thread."""
    area = thread.area
    if thread.moderation_state != ContentState.VISIBLE:
        return None
    if area.visibility == AreaVisibility.PUBLIC:
        visibility = Visibility.PUBLIC
    elif area.visibility == AreaVisibility.MEMBERS:
        visibility = Visibility.MEMBERS
    else:
        return None
    with translation.override("it"):
        category = str(dict(Category.choices).get(thread.category, ""))
    text = plain_text(thread.body)
    return Document(
        title=thread.title,
        summary=text[:300],
        body=text,
        keywords=" ".join(
            [area.name, area.name_en, category, *(tag.name for tag in thread.tags.all())]
        ),
        url=thread.get_absolute_url(),
        visibility=visibility,
        published_at=thread.created_at,
    )


def _area_changed(sender: type[Model], instance: Area, raw: bool = False, **kwargs: Any) -> None:
    """An area's visibility decides its threads' documents: re-read them all."""
    if not raw and instance.pk:
        schedule_index(Thread, Thread.objects.filter(area=instance).values_list("pk", flat=True))


register_source(
    Thread,
    kind="thread",
    slug="discussioni",
    label=_("Discussione"),
    label_plural=_("Discussioni"),
    queryset=_threads,
    document=_thread_document,
)

# Relations that documents read, whose changes may come without a save of the object.
_RELATIONS = [
    Experience.themes.through,
    Experience.methods.through,
    Experience.municipalities.through,
    Organisation.themes.through,
    NewsPage.themes.through,
    ResourcePage.themes.through,
    ResourcePage.methods.through,
    Event.themes.through,
    Thread.tags.through,
]


# --- receivers ---------------------------------------------------------------------------------


def _indexed_model(model: type[Model]) -> type[Model]:
    """The model a source registered for ``model`` or one of its parents: a guide is
    indexed as a resource, so that its pk is scheduled once under one label."""
    source = source_for(model)
    return source.model if source is not None else model


def _object_changed(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        schedule_index(_indexed_model(sender), [instance.pk])


def _relation_changed(
    instance: Model, action: str, reverse: bool, model: type[Model], pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    if reverse:
        # theme.experiences.add(…): the objects are in pk_set (unknown for a clear).
        schedule_index(model, pk_set or [])
    else:
        schedule_index(_indexed_model(type(instance)), [instance.pk])


def _page_changed(sender: type[Model], instance: Page, **kwargs: Any) -> None:
    schedule_index(_indexed_model(sender), [instance.pk])


def _restriction_changed(instance: PageViewRestriction, **kwargs: Any) -> None:
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is None:
        return
    for source in sources():
        if issubclass(source.model, Page):
            pages = source.model._default_manager.filter(path__startswith=path)
            schedule_index(source.model, pages.values_list("pk", flat=True))


def _concrete_models(model: type[Model]) -> list[type[Model]]:
    """``model`` and every concrete model inheriting from it: Django sends post_save
    with the saved object's own class as the sender, never its parents'."""
    found = [model]
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract:
            found += _concrete_models(subclass)
    return found


def connect_signals() -> None:
    for source in sources():
        for model in dict.fromkeys(_concrete_models(source.model)):
            uid = model._meta.label_lower
            post_save.connect(_object_changed, sender=model, dispatch_uid=f"search-save-{uid}")
            post_delete.connect(_object_changed, sender=model, dispatch_uid=f"search-delete-{uid}")
    for through in _RELATIONS:
        m2m_changed.connect(
            _relation_changed, sender=through, dispatch_uid=f"search-m2m-{through._meta.label}"
        )
    post_save.connect(_area_changed, sender=Area, dispatch_uid="search-communities-area")
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-save"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restriction-delete"
    )
