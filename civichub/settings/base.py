"""Settings shared by every environment.

Everything that differs between installations comes from environment variables
(see docs/operations.md); the other modules only change defaults.
"""

import warnings
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from civichub.search.config import backends_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
APPS_DIR = BASE_DIR / "civichub"

env = environ.Env()

# Defaults for the embedded set-up; the environment-specific modules may override
# them before calling ``configure()``.
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'civichub.sqlite3'}"
# A file cache is shared by the app server processes and the task worker of the
# embedded set-up, so invalidation reaches all of them; Redis replaces it in production.
DEFAULT_CACHE_URL = f"filecache://{BASE_DIR / 'var' / 'cache'}"
DEFAULT_EMAIL_URL = "consolemail://"

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Civic Hub apps first so that their templates override third-party ones.
    "civichub.core",
    "civichub.taxonomy",
    "civichub.territories",
    "civichub.accounts",
    "civichub.organisations",
    "civichub.moderation",
    "civichub.notifications",
    "civichub.experiences",
    "civichub.cms",
    "civichub.library",
    "civichub.communities",
    "civichub.events",
    "civichub.search",
    "civichub.newsletter",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "civichub.core.middleware.ContentSecurityPolicyMiddleware",
    "civichub.core.middleware.RejectNullBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "civichub.core.cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "civichub.moderation.middleware.SuspensionNoticeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "civichub.accounts.middleware.MembershipRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "civichub.urls"
WSGI_APPLICATION = "civichub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APPS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civichub.core.context_processors.hub",
                "civichub.cms.context_processors.hub",
            ],
        },
    }
]


def _database_from_env() -> dict:
    url = env("DATABASE_URL", default=DEFAULT_DATABASE_URL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # we explain a bad URL ourselves, below
            config = environ.Env.db_url_config(url)
    except (ImproperlyConfigured, KeyError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not valid ({exc}); expected e.g. "
            "sqlite:////path/to/db.sqlite3 or postgres://user:pass@host:5432/name"
        ) from exc
    engine = config.get("ENGINE", "")
    if not engine:
        raise ImproperlyConfigured(
            "DATABASE_URL is not a database URL; expected e.g. "
            "sqlite:////path/to/db.sqlite3 or postgres://user:pass@host:5432/name"
        )
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL uses an unsupported engine ({engine}); use sqlite:// or postgres://"
        )
    if engine == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers and the background worker go on while a request writes;
        # IMMEDIATE transactions avoid "database is locked" on lock upgrades.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        }
    else:
        config.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default=DEFAULT_CACHE_URL)}
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    # Several app servers share sessions only through a shared cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

vars().update(env.email_url("EMAIL_URL", default=DEFAULT_EMAIL_URL))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Civic Hub <noreply@civichub.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# People, sign-up and login (django-allauth); see docs/operations.md.
from civichub.accounts.settings import *  # noqa: E402

# Internationalisation: Italian first, English complete. The language is chosen by
# cookie / Accept-Language, never by the path, so URLs stay the same in both.
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [APPS_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "civichub_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
FORMAT_MODULE_PATH = ["civichub.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("bootstrap-italia/css", NODE_MODULES / "bootstrap-italia" / "dist" / "css"),
    ("bootstrap-italia/js", NODE_MODULES / "bootstrap-italia" / "dist" / "js"),
    ("bootstrap-italia/svg", NODE_MODULES / "bootstrap-italia" / "dist" / "svg"),
    ("bootstrap-italia/fonts", NODE_MODULES / "bootstrap-italia" / "dist" / "fonts"),
    ("bootstrap-italia/assets", NODE_MODULES / "bootstrap-italia" / "dist" / "assets"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "civichub.core.storage.StaticStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security headers that hold everywhere; production.py adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

_csp_self = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_csp_self],
        "script-src": [_csp_self],
        "style-src": [_csp_self],
        "img-src": [_csp_self, "data:", *env.list("CSP_IMG_SRC", default=[])],
        "font-src": [_csp_self, "data:"],
        "connect-src": [_csp_self],
        # Library webinars: privacy-enhanced players, loaded only after a click.
        "frame-src": [
            _csp_self,
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            *env.list("CSP_FRAME_SRC", default=[]),
        ],
        "media-src": [_csp_self],
        "object-src": ["'none'"],
        "base-uri": [_csp_self],
        "form-action": [_csp_self],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail back office relies on inline scripts and styles; it gets its own policy.
CONTENT_SECURITY_POLICY_ADMIN_PREFIX = "/admin/"

# Wagtail
WAGTAIL_SITE_NAME = env("HUB_NAME", default="Civic Hub")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's database search (FTS5 on SQLite, full text with the Italian configuration on
# PostgreSQL), or Elasticsearch/OpenSearch when SEARCH_URL is set.
WAGTAILSEARCH_BACKENDS = backends_from_env(env)
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = [
    *("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip"),
    # Library podcasts and webinars: audio, video and WebVTT captions.
    *("mp3", "m4a", "ogg", "wav", "mp4", "webm", "vtt"),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("it", "Italiano")]
TAGGIT_CASE_INSENSITIVE = True

# Background work goes through django-tasks; the database backend needs no extra
# service (run ``manage.py db_worker``).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Seconds an anonymous visitor's page is served from the cache (0 disables it).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

# Hub identity fallbacks, used before the back-office settings are filled in and
# on error pages rendered without database access.
HUB_NAME = env("HUB_NAME", default="Civic Hub")
FORM_RENDERER = "civichub.core.forms.FormRenderer"

# Optional background tiles for the maps (an {z}/{x}/{y} URL and its attribution);
# empty: the maps draw only the hub's own boundaries. Add the tile host to CSP_IMG_SRC.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")
