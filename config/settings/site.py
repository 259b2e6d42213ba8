"""Settings for the site chosen by REINTEGRA_SITE (default "default")."""

import os

from reintegra_coop.bench.site_config import load_site
from reintegra_coop.bench.site_settings import site_settings

from .base import *  # noqa: F403

SITE = load_site()

SECRET_KEY = SITE.secret_key
DEBUG = SITE.debug
ALLOWED_HOSTS = list(SITE.allowed_hosts)
DATABASES = {"default": SITE.database.django_settings(SITE.folder)}
if SITE.reports_database is not None:
    # A read replica of the primary, read by the report pages only (core/replica.py).
    DATABASES["reports"] = SITE.reports_database.django_settings(SITE.folder)
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
# The site's own values (currency, time zone, language, cooperative, e-mail, …): the same
# names serve every site from one process (sites.py) through core.sites.site_setting.
globals().update(site_settings(SITE))
if SITE.behind_https_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in SITE.allowed_hosts]
    SECURE_SSL_REDIRECT = True  # a plain-http request is sent to https, never served
    SECURE_HSTS_SECONDS = SITE.hsts_seconds  # browsers then refuse plain http for the host
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SITE.hsts_include_subdomains
    SECURE_HSTS_PRELOAD = SITE.hsts_preload
if SITE.cache.redis_url:
    # Every node reads and writes the same cache; keys carry the site's name, so sites sharing
    # one Redis never see each other's entries.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SITE.cache.redis_url,
            "KEY_PREFIX": SITE.name,
        }
    }
    # Read from Redis, written to Redis and the database: a Redis restart (it keeps nothing on
    # disk) logs nobody out, and a logout or an idle timeout deletes the session in both.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The worker's nightly backup ([backup]); the worker serves one site, so these stay settings.
BACKUP_NIGHTLY = SITE.backup.nightly
BACKUP_KEEP_DAILY = SITE.backup.keep_daily
BACKUP_KEEP_MONTHLY = SITE.backup.keep_monthly
BACKUP_ENCRYPT = SITE.backup.encrypt
MEDIA_URL = "/files/"

# Under `start --prod` (gunicorn, several worker processes) the log goes to standard error only,
# for systemd's journal: processes rotating one shared file lose lines. Elsewhere (one process)
# it also goes to the site's logs/ folder.
LOG_TO_STDERR_ONLY = os.environ.get("REINTEGRA_LOG") == "stderr"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "site_file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(SITE.logs_folder / "reintegra.log"),
            "maxBytes": 5_000_000,
            "backupCount": 5,
            "formatter": "plain",
            "delay": True,  # the file opens at the first line written, never under gunicorn
        },
    },
    "root": {
        "handlers": ["console"] if LOG_TO_STDERR_ONLY else ["console", "site_file"],
        "level": "WARNING",
    },
}
SITE.logs_folder.mkdir(exist_ok=True)
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405 - whitenoise wants it, even before collectstatic
