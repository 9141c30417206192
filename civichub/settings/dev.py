"""Local machine: embedded SQLite, console e-mail, readable logs."""

from .base import *

SECRET_KEY = SECRET_KEY or "dev-insecure-civichub-key-do-not-use-in-production"
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="plain")
# Serve front-end packages straight from node_modules while developing.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
