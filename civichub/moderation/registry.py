"""Which models can be moderated, and who moderates what.

An app makes a model moderatable in its ``AppConfig.ready()``::

    register_moderatable(
        Thread,
        author=lambda t: t.author,
        title=lambda t: t.title,
        url=lambda t: t.get_absolute_url(),
        scope=lambda t: f"area:{t.area_id}",
    )

The model carries a ``moderation_state`` column (``ContentState``) that its own
visibility querysets filter on; moderation sets it. A model with its own workflow
instead passes ``state_field=None`` and the callables it supports (``hide``,
``restore``, ``remove``: ``fn(obj, actor, reason)``); an action without a callable is
not offered for it. ``scope`` names who moderates it besides promoters
(``"area:<pk>"``; ``""`` for promoters only); ``register_scope_resolver`` says which
scopes a person moderates and, optionally, who moderates a scope (to notify them).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .models import ContentState

Action = Callable[[Any, Any, str], Any]


@dataclass(frozen=True)
class Moderatable:
    model: type[Model]
    author: Callable[[Any], Any]
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    scope: Callable[[Any], str]
    state_field: str | None = "moderation_state"
    on_approve: Callable[[Any], None] | None = None
    on_change: Callable[[Any, str, str], None] | None = None
    hide: Action | None = None
    restore: Action | None = None
    remove: Action | None = None
    visible: Callable[[Any, Any], bool] | None = None
    state: Callable[[Any], str] | None = None
    select_related: tuple[str, ...] = ()
    author_id: Callable[[Any], Any] | None = None

    def author_pk(self, obj: Any) -> Any:
        """The author's pk, without loading the author when ``author_id`` is given."""
        if self.author_id is not None:
            return self.author_id(obj)
        return getattr(self.author(obj), "pk", None)

    @property
    def label(self) -> str:
        """``app_label.model``: the kind of target in URLs."""
        return self.model._meta.label_lower

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def current_state(self, obj: Any) -> str:
        if self.state is not None:
            return self.state(obj)
        if self.state_field:
            return getattr(obj, self.state_field)
        return ContentState.VISIBLE

    def can_view(self, user: Any, obj: Any) -> bool:
        """Whether ``user`` may see ``obj`` (and so report it)."""
        if self.visible is not None:
            return self.visible(user, obj)
        return self.current_state(obj) == ContentState.VISIBLE

    def supports(self, action: str) -> bool:
        if action == "approve":
            return self.state_field is not None
        if action in ("hide", "restore", "remove"):
            return getattr(self, action) is not None or self.state_field is not None
        return False


_MODERATABLES: dict[str, Moderatable] = {}
_SCOPE_RESOLVERS: list[Callable[[Any], set[str]]] = []
_SCOPE_MODERATORS: list[Callable[[str], Iterable[Any]]] = []


def register_moderatable(
    model: type[Model],
    *,
    author: Callable[[Any], Any],
    title: Callable[[Any], str],
    url: Callable[[Any], str],
    scope: Callable[[Any], str],
    state_field: str | None = "moderation_state",
    on_approve: Callable[[Any], None] | None = None,
    on_change: Callable[[Any, str, str], None] | None = None,
    hide: Action | None = None,
    restore: Action | None = None,
    remove: Action | None = None,
    visible: Callable[[Any, Any], bool] | None = None,
    state: Callable[[Any], str] | None = None,
    select_related: tuple[str, ...] = (),
    author_id: Callable[[Any], Any] | None = None,
) -> Moderatable:
    """Register (or re-register: the last one wins) a moderatable model.

    ``visible(user, obj)``: who may see the content (default: visible state);
    ``state(obj)``: its ``ContentState`` when the model has no state column;
    ``select_related``: what ``title``/``url``/``author`` read, loaded with the target;
    ``author_id(obj)``: the author's pk without a query (for permission checks);
    ``on_change(obj, old_state, new_state)``: after a hide, restore or remove, so the app
    can correct what it derives from visible content (counters); approving a held post
    calls ``on_approve(obj)`` instead.
    """
    entry = Moderatable(
        model=model,
        author=author,
        title=title,
        url=url,
        scope=scope,
        state_field=state_field,
        on_approve=on_approve,
        on_change=on_change,
        hide=hide,
        restore=restore,
        remove=remove,
        visible=visible,
        state=state,
        select_related=select_related,
        author_id=author_id,
    )
    _MODERATABLES[entry.label] = entry
    return entry


def unregister_moderatable(model: type[Model]) -> None:
    """For tests that register a model of their own."""
    _MODERATABLES.pop(model._meta.label_lower, None)


def register_scope_resolver(
    fn: Callable[[Any], set[str]], *, moderators: Callable[[str], Iterable[Any]] | None = None
) -> None:
    """``fn(user) -> set[str]``: the scopes a person moderates; ``moderators(scope)``:
    the people who moderate a scope (told of new reports besides promoters)."""
    if fn not in _SCOPE_RESOLVERS:
        _SCOPE_RESOLVERS.append(fn)
    if moderators is not None and moderators not in _SCOPE_MODERATORS:
        _SCOPE_MODERATORS.append(moderators)


def unregister_scope_resolver(fn: Callable[[Any], set[str]]) -> None:
    if fn in _SCOPE_RESOLVERS:
        _SCOPE_RESOLVERS.remove(fn)


def unregister_scope_moderators(fn: Callable[[str], Iterable[Any]]) -> None:
    if fn in _SCOPE_MODERATORS:
        _SCOPE_MODERATORS.remove(fn)


# --- lookups ---------------------------------------------------------------------------


def moderatables() -> list[Moderatable]:
    return list(_MODERATABLES.values())


def entry_for_label(label: str) -> Moderatable | None:
    return _MODERATABLES.get(label.lower())


def entry_for(obj_or_model: Any) -> Moderatable | None:
    model: Any = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    meta = getattr(model, "_meta", None)
    return _MODERATABLES.get(meta.label_lower) if meta is not None else None


def entry_for_content_type(content_type: ContentType) -> Moderatable | None:
    return _MODERATABLES.get(f"{content_type.app_label}.{content_type.model}")


def resolve_scopes(user: Any) -> set[str]:
    """The scopes ``user`` moderates, memoised on the user object (one per request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = user.__dict__.get("_moderation_scopes")
    if cached is None:
        cached = set()
        for resolver in _SCOPE_RESOLVERS:
            cached |= set(resolver(user))
        user.__dict__["_moderation_scopes"] = cached
    return cached


def scope_moderators(scope: str) -> list[Any]:
    if not scope:
        return []
    people: list[Any] = []
    for fn in _SCOPE_MODERATORS:
        people.extend(fn(scope))
    return people


def get_target(label: str, object_id: int) -> tuple[Moderatable, Any] | None:
    """The registered object of kind ``label`` with ``object_id``, or None."""
    entry = entry_for_label(label)
    if entry is None:
        return None
    queryset = entry.model._default_manager.all()
    if entry.select_related:
        queryset = queryset.select_related(*entry.select_related)
    obj = queryset.filter(pk=object_id).first()
    return (entry, obj) if obj is not None else None
