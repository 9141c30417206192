"""Extension points other apps fill in from their ``AppConfig.ready()``.

- ``PROFILE_SECTIONS``: blocks of the public profile (e.g. a person's experiences);
- ``NOTIFICATION_KINDS``: rows of the notification settings page;
- ``DATA_EXPORTERS``: sections of the "download my data" archive;
- ``ERASERS``: what each app deletes or anonymises when an account is erased.

Each entry is keyed so that registering twice (tests, autoreload) replaces it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models.fields.files import FieldFile

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from .models import User


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: "StrOrPromise"
    template: str
    # (owner, viewer) -> template context; must cost a constant number of queries.
    context: Callable[["User", "User | AnonymousUser"], dict[str, Any]]
    order: int = 100


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: "StrOrPromise"
    help_text: "StrOrPromise" = ""
    default: str = "immediate"
    # Whether the kind concerns this person at all (e.g. promoters only).
    available_to: Callable[["User"], bool] = lambda user: True


@dataclass
class ExportSection:
    data: Any
    # (name inside the archive, stored file)
    files: list[tuple[str, FieldFile]] = field(default_factory=list)


PROFILE_SECTIONS: dict[str, ProfileSection] = {}
NOTIFICATION_KINDS: dict[str, NotificationKind] = {}
DATA_EXPORTERS: dict[str, Callable[["User"], ExportSection]] = {}
ERASERS: dict[str, Callable[["User"], None]] = {}


def register_profile_section(section: ProfileSection) -> None:
    PROFILE_SECTIONS[section.key] = section


def register_notification_kind(kind: NotificationKind) -> None:
    NOTIFICATION_KINDS[kind.key] = kind


def register_data_exporter(key: str, exporter: Callable[["User"], ExportSection]) -> None:
    DATA_EXPORTERS[key] = exporter


def register_eraser(key: str, eraser: Callable[["User"], None]) -> None:
    ERASERS[key] = eraser


def profile_sections() -> list[ProfileSection]:
    return sorted(PROFILE_SECTIONS.values(), key=lambda section: (section.order, section.key))
