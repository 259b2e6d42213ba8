"""Settings for the test suite: SQLite in memory, or MariaDB when the database-backend
plugin (reintegra_coop/bench/pytest_plugin.py) sets REINTEGRA_TEST_DATABASE_URL."""

import os
import tempfile
from pathlib import Path

from reintegra_coop.bench.database_url import parse_database_url

from .base import *  # noqa: F403

SECRET_KEY = "tests-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

_url = os.environ.get("REINTEGRA_TEST_DATABASE_URL", "sqlite:///:memory:")
DATABASES = {"default": parse_database_url(_url).django_settings()}

TIME_ZONE = "Europe/Warsaw"
LANGUAGE_CODE = "en"
CURRENCY = "PLN"
COUNTRY = "PL"
COOPERATIVE = {
    "name": "Spółdzielnia Socjalna Reintegra",
    "address": "ul. Ogrodowa 12, 00-001 Warszawa",
    "tax_id": "123-456-32-18",
    "bank_account": "PL61 1090 1014 0000 0712 1981 2874",
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="reintegra-test-files-")
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="reintegra-test-static-"))
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
