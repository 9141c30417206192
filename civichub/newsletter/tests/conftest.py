from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _https_hub(settings: Any) -> None:
    """Links in e-mail are built from BASE_URL; production serves the hub over HTTPS."""
    settings.WAGTAILADMIN_BASE_URL = "https://hub.example.it"


@pytest.fixture
def post(client: Client, django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """POST and run what the view queued for after the commit (the e-mail)."""

    def _post(url: str, data: dict[str, Any] | None = None, **extra: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **extra)

    return _post
