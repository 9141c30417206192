"""Production settings refuse unsafe configurations; start-up errors are one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "k" * 20 + "Zq9-Lw3_Xp7Rt2Ym8Vn4Bc6Hd1Jf5Gs0Ae" + "u" * 10


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("secret", "debug"),
    [
        ("", "False"),
        ("dev-insecure-civichub-key-do-not-use-in-production", "False"),
        (GOOD_KEY, "True"),
    ],
)
def test_production_refuses_unsafe_defaults(secret, debug, tmp_path):
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="civichub.settings.production",
        SECRET_KEY=secret,
        DEBUG=debug,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode != 0
    assert result.stderr.startswith("civichub: configuration error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_deploy_check_is_clean(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="civichub.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="hub.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "url",
    ["mysql-but-wrong://x", "not a url", "oracle://user:pass@host/db"],
)
def test_wrong_database_url_stops_with_one_line(url):
    result = run_manage("check", DATABASE_URL=url)

    assert result.returncode == 2
    assert result.stderr.startswith("civichub: configuration error: DATABASE_URL")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_database_stops_with_one_line():
    result = run_manage(
        "migrate", "--check", DATABASE_URL="postgres://nobody:wrong@127.0.0.1:1/none"
    )

    assert result.returncode == 2
    assert result.stderr.startswith("civichub: configuration error:")
    assert len(result.stderr.strip().splitlines()) == 1
