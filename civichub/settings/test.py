"""Test suite: fast hashing, in-memory mail, tasks run at once."""

from .base import *

SECRET_KEY = "test-civichub-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
PAGE_CACHE_SECONDS = 0
LOGGING["handlers"]["console"]["formatter"] = "plain"
LOGGING["root"]["level"] = "WARNING"
# seed_demo loads only Emilia-Romagna and Marche (~550 comuni) in tests.
TERRITORIES_DEMO_REGIONS = ["08", "11"]
