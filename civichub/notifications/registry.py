"""What people may follow. Apps register their models from ``AppConfig.ready()``:

    register_followable(Experience, _("Esperienze"), visible=lambda user, obj: ...)

``visible(user, obj)`` keeps people from following (or discovering) what they cannot
see; the follow view answers 404 for anything not registered or not visible.
``title(obj)`` and ``url(obj)`` show it on the "Seguiti" page; ``related`` are
``select_related`` paths that ``visible`` and ``title`` read, so that the "Seguiti"
page costs one query per kind.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Followable:
    model: type[models.Model]
    label: "StrOrPromise"
    visible: Callable[[Any, Any], bool]
    title: Callable[[Any], str] = str
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url()
    related: Sequence[str] = ()
    order: int = 100

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


FOLLOWABLES: dict[str, Followable] = {}


def register_followable(
    model: type[models.Model],
    label: "StrOrPromise",
    *,
    visible: Callable[[Any, Any], bool],
    title: Callable[[Any], str] = str,
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url(),
    related: Sequence[str] = (),
    order: int = 100,
) -> None:
    followable = Followable(model, label, visible, title, url, tuple(related), order)
    FOLLOWABLES[followable.key] = followable


def followable_for(model: type[models.Model]) -> Followable | None:
    return FOLLOWABLES.get(model._meta.label_lower)


def followables() -> list[Followable]:
    return sorted(FOLLOWABLES.values(), key=lambda item: (item.order, item.key))
