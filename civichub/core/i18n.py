"""Content in two languages: Italian fields with optional English twins."""

from typing import Any

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.translation import get_language


class TranslatedField:
    """Descriptor returning the English value when English is active and filled in.

    Italian is the authoritative language of every hub's content; English fields
    are optional and fall back to Italian when empty.
    """

    def __init__(self, it_field: str, en_field: str) -> None:
        self.it_field = it_field
        self.en_field = en_field

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        if (get_language() or "it").startswith("en"):
            value = getattr(instance, self.en_field)
            if value:
                return value
        return getattr(instance, self.it_field)


def set_language_cookie(response: HttpResponseBase, code: str) -> None:
    """Remember the interface language chosen by the visitor (or in their settings)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
