"""``WAGTAILSEARCH_BACKENDS`` from the ``SEARCH_URL`` environment variable.

Read by the settings, so it imports nothing from Django's app registry.

- unset or ``database://``: Wagtail's database backend (SQLite FTS5, or PostgreSQL full
  text with the ``italian`` configuration);
- ``<engine>[+http|+https]://[user:password@]host[:port][/index-prefix]`` with engine
  ``elasticsearch7``, ``elasticsearch8``, ``elasticsearch9``, ``opensearch2`` or
  ``opensearch3``: that backend of ``modelsearch``, whose Python client the operator
  installs (``CLIENTS``). Its indexes are named ``<index-prefix>_<app>_<model>`` and
  analyse text in Italian by default.
"""

import importlib.util
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

DATABASE = {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "italian"}

# engine → (module of its Python client, what to install)
CLIENTS = {
    "elasticsearch7": ("elasticsearch", "elasticsearch>=7,<8"),
    "elasticsearch8": ("elasticsearch", "elasticsearch>=8,<9"),
    "elasticsearch9": ("elasticsearch", "elasticsearch>=9,<10"),
    "opensearch2": ("opensearchpy", "opensearch-py>=2,<3"),
    "opensearch3": ("opensearchpy", "opensearch-py>=3,<4"),
}

# Text fields without an analyser of their own (most of them) stem and drop stop words
# in Italian, as PostgreSQL's "italian" configuration does.
ITALIAN_ANALYSIS = {"settings": {"analysis": {"analyzer": {"default": {"type": "italian"}}}}}


def _invalid(reason: str) -> ImproperlyConfigured:
    engines = ", ".join(CLIENTS)
    return ImproperlyConfigured(
        f"SEARCH_URL is not valid: {reason}. Expected database:// or "
        f"<engine>+https://user:password@host:9200/prefix with engine one of {engines}."
    )


def search_backend_from_url(url: str) -> dict[str, Any]:
    """The ``default`` entry of ``WAGTAILSEARCH_BACKENDS`` for ``url``."""
    if not url or url == "database://":
        return dict(DATABASE)
    parts = urlsplit(url)
    engine, _, transport = parts.scheme.partition("+")
    if engine not in CLIENTS:
        raise _invalid(f"unknown engine {engine or '(none)'!r}")
    transport = transport or "http"
    if transport not in ("http", "https"):
        raise _invalid(f"the transport must be http or https, not {transport!r}")
    try:
        port = parts.port
    except ValueError as exc:
        raise _invalid("the port is not a number") from exc
    if not parts.hostname:
        raise _invalid("the host is missing")
    module, requirement = CLIENTS[engine]
    if importlib.util.find_spec(module) is None:
        raise ImproperlyConfigured(
            f"SEARCH_URL asks for {engine}, whose Python client is not installed: "
            f"install {requirement!r} in the application's environment "
            "(see docs/operations.md, Search)."
        )
    netloc = parts.netloc if port else f"{parts.netloc}:9200"
    prefix = parts.path.strip("/")
    return {
        "BACKEND": f"wagtail.search.backends.{engine}",
        "URLS": [urlunsplit((transport, netloc, "", "", ""))],
        "INDEX_PREFIX": f"{prefix}_" if prefix else "",
        "TIMEOUT": 10,
        "INDEX_SETTINGS": ITALIAN_ANALYSIS,
    }


def backends_from_env(env: Any) -> dict[str, dict[str, Any]]:
    """``WAGTAILSEARCH_BACKENDS`` for ``settings/base.py``, from ``SEARCH_URL``."""
    return {"default": search_backend_from_url(env("SEARCH_URL", default=""))}
