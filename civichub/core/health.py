"""/healthz: is the database reachable, does the cache answer."""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _check_database() -> tuple[bool, float]:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: database check failed")
        return False, time.perf_counter() - started
    return True, time.perf_counter() - started


def _check_cache() -> tuple[bool, float]:
    started = time.perf_counter()
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 5)
        ok = cache.get(key) == "ok"
        cache.delete(key)
    except Exception:
        # Any cache client error means the cache is not usable.
        logger.exception("healthz: cache check failed")
        ok = False
    return ok, time.perf_counter() - started


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        ok, seconds = check()
        checks[name] = {"ok": ok, "ms": round(seconds * 1000, 2)}
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
