"""Load benchmark: seed a dedicated database, serve it with gunicorn, measure pages with wrk.

    python -m bench.run [--scale N] [--quick] [--database-url URL] [--pages NAME ...]

See bench/README.md. Exits non-zero when any page answered with an error or a non-2xx.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
REPORT_SCRIPT = ROOT / "bench" / "report.lua"
GUNICORN_LOG = ROOT / "var" / "bench-gunicorn.log"
BENCH_CACHE_DIR = ROOT / "var" / "bench-cache"
HOST = "127.0.0.1"
BASELINE = "healthz"


class BenchError(Exception):
    """A problem that stops the benchmark, explained in one line."""


class Lookup:
    """Given to page callables to find real objects in the bench database."""

    def url_of(self, model: str, **filters: Any) -> str:
        """Path of the first ``app_label.Model`` matching ``filters`` (Wagtail page or not)."""
        from django.apps import apps

        obj = apps.get_model(model)._default_manager.filter(**filters).order_by("pk").first()
        if obj is None:
            raise BenchError(f"no {model} matching {filters} in the bench database")
        url = obj.url if hasattr(obj, "url") else obj.get_absolute_url()
        return str(url)

    def last_page_of_long_thread(self) -> str:
        """The last page (30 replies a page) of the bench's 2,000-reply discussion."""
        from django.apps import apps

        threads = apps.get_model("communities.Thread").objects
        thread = threads.filter(request_key="bench-t-0").first()
        if thread is None:
            raise BenchError("no long bench discussion in the bench database")
        pages = max(1, -(-thread.replies_count // 30))
        return f"{thread.get_absolute_url()}?pagina={pages}"


@dataclass(frozen=True)
class BenchPage:
    name: str
    path: str | Callable[[Lookup], str]


# The pages measured, in order; each app appends its own (see README.md).
PAGES: list[BenchPage] = [
    BenchPage(BASELINE, "/healthz"),
    BenchPage("home", "/"),
    BenchPage("news list", "/notizie/"),
    BenchPage("news list p5", "/notizie/?pagina=5"),
    BenchPage("news by theme", "/notizie/?tema=giovani"),
    BenchPage("news detail", lambda db: db.url_of("cms.NewsPage", slug__startswith="bench-")),
    BenchPage("news feed", "/notizie/feed/"),
    BenchPage("organisations", "/organizzazioni/"),
    BenchPage("organisations filtered", "/organizzazioni/?tipo=ets&regione=emilia-romagna"),
    BenchPage("organisations search", "/organizzazioni/?q=cooperativa"),
    BenchPage(
        "organisation detail",
        lambda db: db.url_of("organisations.Organisation", slug__startswith="bench-"),
    ),
    BenchPage("api organisations", "/api/v1/organisations"),
    BenchPage("api comuni search", "/api/v1/territories/municipalities?q=san"),
    BenchPage("regions geojson", "/territori/regioni.geojson"),
    BenchPage("experiences", "/esperienze/"),
    BenchPage("experiences filtered", "/esperienze/?regione=emilia-romagna&tema=giovani"),
    BenchPage("experiences search", "/esperienze/?q=bilancio+quartieri"),
    BenchPage("experiences map", "/esperienze/mappa/"),
    BenchPage("experiences map counts", "/esperienze/mappa/regioni.json"),
    # A small region and a theme: under the 500 points the map draws one by one.
    BenchPage(
        "experiences map markers",
        "/esperienze/mappa/punti.geojson?regione=valle-d-aosta-vallee-d-aoste&tema=giovani",
    ),
    BenchPage(
        "experience detail",
        lambda db: db.url_of(
            "experiences.Experience", slug__startswith="bench-esp-", state="published"
        ),
    ),
    BenchPage("api experiences", "/api/v1/experiences"),
    BenchPage("library", "/strumenti/"),
    BenchPage("library by theme", "/strumenti/?tema=giovani"),
    BenchPage("library filtered", "/strumenti/?tipo=guida&fase=progettazione&pubblico=pa"),
    BenchPage("library search", "/strumenti/?q=facilitazione+tavoli"),
    BenchPage(
        "guide detail",
        lambda db: db.url_of("library.GuidePage", slug__startswith="bench-str-"),
    ),
    BenchPage(
        "method sheet detail",
        lambda db: db.url_of("library.MethodSheetPage", slug__startswith="bench-str-"),
    ),
    BenchPage("podcast feed", lambda db: db.url_of("library.PodcastSeriesPage") + "feed/"),
    BenchPage("api resources", "/api/v1/resources"),
    BenchPage("api resources by theme", "/api/v1/resources?theme=giovani&kind=guide"),
    BenchPage("events", "/eventi/"),
    BenchPage("events filtered", "/eventi/?modalita=presenza&regione=emilia-romagna&tema=giovani"),
    BenchPage("events past", "/eventi/?quando=passati&pagina=3"),
    BenchPage("events calendar", "/eventi/calendario/"),
    BenchPage(
        "event detail",
        lambda db: db.url_of("events.Event", slug__startswith="bench-evt-", state="published"),
    ),
    BenchPage("courses", "/eventi/percorsi/"),
    BenchPage("api areas", "/api/v1/areas"),
    BenchPage("communities", "/comunita/"),
    BenchPage("area", lambda db: db.url_of("communities.Area", slug="bench-area-0000")),
    BenchPage("long thread", lambda db: db.url_of("communities.Thread", request_key="bench-t-0")),
    BenchPage("long thread last page", lambda db: db.last_page_of_long_thread()),
    BenchPage("comune picker", "/territori/comuni/cerca/?q=bol"),
    BenchPage("search", "/cerca/?q=partecipazione"),
    BenchPage("search two words", "/cerca/?q=bilancio+quartieri"),
    BenchPage("search by theme", "/cerca/?q=scuole&tema=giovani"),
    BenchPage("api search", "/api/v1/search?q=orto&kind=experience"),
]


@dataclass
class PageResult:
    name: str
    path: str
    queries: int
    requests: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    bytes_per_response: int = 0
    non2xx: int = 0
    errors: int = 0
    ratio_to_healthz: float = 0.0
    page_cache: bool = False

    @property
    def failed(self) -> bool:
        # No completed request at all is a failure too: every response outlasted the run.
        return bool(self.non2xx or self.errors or not self.requests)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="seed_bench scale (default 1)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--quick", action="store_true", help="3-second runs")
    parser.add_argument("--pages", nargs="+", metavar="NAME", help="only these pages")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"),
        help="bench database (default $BENCH_DATABASE_URL or var/bench.sqlite3)",
    )
    parser.add_argument(
        "--workers", type=int, default=2 * cores, help=f"gunicorn workers ({2 * cores})"
    )
    parser.add_argument("--worker-threads", type=int, default=2, help="gunicorn threads (2)")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve without the anonymous page cache: measures what rendering costs",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 3
    if args.scale <= 0 or args.duration <= 0 or args.connections < args.threads:
        parser.error("--scale and --duration must be positive, --connections >= --threads")
    return args


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    """Production settings on plain HTTP over loopback, with a throw-away secret key."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "civichub.settings.production",
        # Hexadecimal: never contains the markers production.py rejects ("dev-", …).
        "SECRET_KEY": secrets.token_hex(32),
        "DEBUG": "False",
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": args.database_url,
        "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
        "LOG_LEVEL": "WARNING",
        # gunicorn rejects an empty log path; /dev/null keeps requests out of the output.
        "GUNICORN_ACCESSLOG": "/dev/null",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_THREADS": str(args.worker_threads),
        # Worker recycling mid-run would measure cold caches, not the steady state.
        "GUNICORN_MAX_REQUESTS": "0",
        **({"PAGE_CACHE_SECONDS": "0"} if args.no_page_cache else {}),
        # A cache of its own, emptied at each start: pages cached by an earlier run
        # must not answer for this one, nor bench pages fill the demo's cache.
        "CACHE_URL": os.environ.get("CACHE_URL", f"filecache://{BENCH_CACHE_DIR}"),
    }


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


@contextmanager
def timed(message: str) -> Iterator[None]:
    step(message)
    started = time.perf_counter()
    yield
    print(f"    {time.perf_counter() - started:.1f} s", flush=True)


def static_files_are_fresh() -> bool:
    """Is the manifest newer than every static source (as make's rule checks)?"""
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [ROOT / "uv.lock", ROOT / "package-lock.json", *ROOT.glob("civichub/**/static/**/*")]
    newest = max((p.stat().st_mtime for p in sources if p.is_file()), default=0.0)
    return manifest.stat().st_mtime >= newest


def prepare(scale: float) -> dict[str, str]:
    """Migrate and seed the bench database, collect static files; describe the database."""
    from django.core.management import call_command
    from django.db import connection

    with timed("migrate"):
        call_command("migrate", interactive=False, verbosity=0)
    with timed("seed_demo"):
        call_command("seed_demo")
    # The seeders top up to the target, so at the target scale this is a few counts.
    with timed(f"seed_bench --scale {scale:g}"):
        call_command("seed_bench", scale=scale)
    if static_files_are_fresh():
        step("collectstatic: var/static is up to date")
    else:
        with timed("collectstatic"):
            call_command("collectstatic", interactive=False, verbosity=0)
    version = ".".join(str(part) for part in connection.get_database_version())
    return {
        "vendor": connection.vendor,
        "version": version,
        "name": str(connection.settings_dict["NAME"]),
    }


def resolve_and_count(pages: list[BenchPage]) -> list[PageResult]:
    """Each page's path, and the SQL queries it runs to render (test client, warm caches).

    The anonymous page cache is off here: a cache hit runs no query at all and would
    hide what the page costs whenever the cache is cold.
    """
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST=HOST)
    lookup = Lookup()
    results = []
    for page in pages:
        path = page.path(lookup) if callable(page.path) else page.path
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
        if status != 200:
            raise BenchError(f"{page.name} ({path}) answers {status} in the test client")
        results.append(PageResult(name=page.name, path=path, queries=len(queries)))
    # gunicorn's workers have their own connections; do not hold SQLite's.
    connections.close_all()
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def http_get(port: int, path: str, timeout: float = 10.0) -> http.client.HTTPResponse:
    """One GET, without following redirects; the body is read."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def start_gunicorn(env: dict[str, str], port: int, log: Any) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"{HOST}:{port}",
        "civichub.wsgi:application",
    ]
    # Own session: Ctrl-C reaches this script, which then stops gunicorn in order.
    return subprocess.Popen(  # noqa: S603 - our own gunicorn, arguments built here
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_until_healthy(server: subprocess.Popen[bytes], port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with code {server.returncode}; see {GUNICORN_LOG}")
        try:
            if http_get(port, "/healthz", timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"/healthz did not answer 200 within {timeout:.0f} s; see {GUNICORN_LOG}")


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def run_wrk(url: str, args: argparse.Namespace, duration: int) -> dict[str, Any]:
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={duration}s",
        "--timeout=5s",
        "--latency",
        f"--script={REPORT_SCRIPT}",
        url,
    ]
    completed = subprocess.run(  # noqa: S603 - wrk with arguments built here
        command, capture_output=True, text=True, timeout=duration + 30, check=False
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith('{"requests"'):
            return dict(json.loads(line))
    raise BenchError(
        f"wrk gave no result for {url}: {completed.stderr.strip() or completed.stdout}"
    )


def warm_up(port: int, path: str, connections: int) -> None:
    """Two requests per connection, all answered: reaches every worker, leaves no backlog.

    A time-boxed wrk warm-up would leave requests queued in gunicorn when it stops,
    slowing the start of the measured run.
    """
    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(lambda _: http_get(port, path, timeout=60), range(2 * connections)))


def measure(results: list[PageResult], port: int, args: argparse.Namespace) -> None:
    for result in results:
        status = http_get(port, result.path).status
        if status != 200:
            raise BenchError(f"{result.name} ({result.path}) answers {status}, expected 200")
        # Set by the anonymous page cache (civichub.core.cache) on the second request.
        result.page_cache = http_get(port, result.path).getheader("X-Page-Cache") == "hit"
    for result in results:
        url = f"http://{HOST}:{port}{result.path}"
        step(f"{result.name}: {url}")
        warm_up(port, result.path, args.connections)
        data = run_wrk(url, args, args.duration)
        latency = data["latency_ms"]
        result.requests = data["requests"]
        result.rps = data["rps"]
        result.p50_ms, result.p90_ms = latency["p50"], latency["p90"]
        result.p95_ms, result.p99_ms = latency["p95"], latency["p99"]
        result.max_ms = latency["max"]
        result.bytes_per_response = data["bytes"] // max(data["requests"], 1)
        result.non2xx = data["non2xx"]
        result.errors = sum(data["errors"].values())
    baseline = next((r for r in results if r.name == BASELINE), None)
    for result in results:
        result.ratio_to_healthz = result.rps / baseline.rps if baseline and baseline.rps else 0.0


def print_table(results: list[PageResult]) -> None:
    headers = [
        "page",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "non2xx/err",
        "queries",
        "cached",
        "vs healthz",
    ]
    rows = [
        [
            r.name,
            f"{r.rps:.1f}",
            f"{r.p50_ms:.1f}",
            f"{r.p95_ms:.1f}",
            f"{r.p99_ms:.1f}",
            f"{r.non2xx}/{r.errors}",
            str(r.queries),
            "yes" if r.page_cache else "no",
            f"{r.ratio_to_healthz:.2f}",
        ]
        for r in results
    ]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    print()
    for row in [headers, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def _command_output(*command: str) -> str:
    try:
        completed = subprocess.run(  # noqa: S603 - fixed commands (git, wrk)
            command, cwd=ROOT, capture_output=True, text=True, check=False
        )
    except OSError:
        return ""
    return completed.stdout.strip()


def _cache_backend() -> str:
    from django.conf import settings

    return str(settings.CACHES["default"]["BACKEND"])


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def write_results(
    results: list[PageResult],
    database: dict[str, str],
    args: argparse.Namespace,
    load_before: list[float],
) -> Path:
    now = datetime.datetime.now(datetime.UTC)
    report = {
        "date": now.isoformat(timespec="seconds"),
        "git": {
            "commit": _command_output("git", "rev-parse", "HEAD"),
            "dirty": bool(_command_output("git", "status", "--porcelain")),
        },
        "machine": {
            "cores": os.cpu_count(),
            "cpu": _cpu_model(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            # Other work on the machine skews every figure; keep it with the results.
            "loadavg_before": load_before,
            "loadavg_after": list(os.getloadavg()),
        },
        "database": database,
        "scale": args.scale,
        "wrk": {
            "version": _command_output("wrk", "--version").split(" [")[0],
            "duration_s": args.duration,
            "connections": args.connections,
            "threads": args.threads,
        },
        "gunicorn": {"workers": args.workers, "threads": args.worker_threads},
        "page_cache": not args.no_page_cache,
        "cache_backend": _cache_backend(),
        "pages": [asdict(r) for r in results],
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{now:%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    return path


def selected_pages(names: list[str] | None) -> list[BenchPage]:
    if not names:
        return PAGES
    known = {page.name for page in PAGES}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise BenchError(f"unknown pages {unknown}; choose from {sorted(known)}")
    # The baseline always runs: every ratio is relative to it.
    return [page for page in PAGES if page.name in names or page.name == BASELINE]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (apt-get install wrk)")
    pages = selected_pages(args.pages)
    load_before = list(os.getloadavg())
    if load_before[0] > (os.cpu_count() or 1) / 2:
        print(f"warning: load average {load_before[0]:.1f} before the run; figures will be low")
    env = server_environment(args)
    shutil.rmtree(BENCH_CACHE_DIR, ignore_errors=True)
    # Django in this process reads the same settings as the server it will start.
    os.environ.update(env)
    import django

    django.setup()
    database = prepare(args.scale)
    step("SQL queries per page")
    results = resolve_and_count(pages)

    port = free_port()
    GUNICORN_LOG.parent.mkdir(parents=True, exist_ok=True)
    step(f"gunicorn on {HOST}:{port} ({args.workers} workers x {args.worker_threads} threads)")
    with GUNICORN_LOG.open("wb") as log:
        server = start_gunicorn(env, port, log)
        try:
            wait_until_healthy(server, port)
            measure(results, port, args)
        finally:
            stop_gunicorn(server)

    print_table(results)
    path = write_results(results, database, args, load_before)
    print(f"\nresults: {path.relative_to(ROOT)}")
    failed = [r.name for r in results if r.failed]
    if failed:
        print(
            f"FAILED: errors, non-2xx or no completed request on {', '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        sys.exit(130)
