"""Fixtures for the whole suite."""

import pytest
from django.conf import settings
from django.core.cache import cache


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploads go to a per-run directory that pytest prunes, not into the work tree."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _clear_cache():
    """Tests share one process-wide cache: start each from a clean one."""
    cache.clear()
    yield
    cache.clear()
