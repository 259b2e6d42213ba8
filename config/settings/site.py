"""Settings for the site chosen by REINTEGRA_SITE (default "default")."""

import os

from reintegra_coop.bench.site_config import load_site

from .base import *  # noqa: F403

SITE = load_site()

SECRET_KEY = SITE.secret_key
DEBUG = SITE.debug
ALLOWED_HOSTS = list(SITE.allowed_hosts)
DATABASES = {"default": SITE.database.django_settings(SITE.folder)}
TIME_ZONE = SITE.time_zone
LANGUAGE_CODE = SITE.language
CURRENCY = SITE.currency
COUNTRY = SITE.country
COOPERATIVE = {"name": "Reintegra Coop", "address": "", "tax_id": "", "bank_account": ""}
COOPERATIVE.update(SITE.cooperative)
if SITE.behind_https_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in SITE.allowed_hosts]
    SECURE_SSL_REDIRECT = True  # a plain-http request is sent to https, never served
    SECURE_HSTS_SECONDS = SITE.hsts_seconds  # browsers then refuse plain http for the host
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SITE.hsts_include_subdomains
    SECURE_HSTS_PRELOAD = SITE.hsts_preload
RENT_DUE_DAY = SITE.rent_due_day
TRUSTED_PROXIES = list(SITE.trusted_proxies)
IDLE_MINUTES = {"staff": SITE.idle_minutes_staff, "trainee": SITE.idle_minutes_trainee}
TWO_FACTOR_ROLES = SITE.two_factor_roles
OTP_TOTP_ISSUER = COOPERATIVE["name"]
LOGIN_CODE_HOURS = SITE.login_code_hours
CARE_LEADS_PRINT_LOGIN_CODES = SITE.care_leads_print_login_codes
INSTRUCTORS_APPROVE_LOGS = SITE.instructors_approve_logs
CLOSED_DAYS = SITE.closed_days
if SITE.email.host:
    NOTIFY_BY_EMAIL = True
    EMAIL_HOST = SITE.email.host
    EMAIL_PORT = SITE.email.port
    EMAIL_HOST_USER = SITE.email.user
    EMAIL_HOST_PASSWORD = SITE.email.password
    EMAIL_USE_TLS = SITE.email.use_tls
    EMAIL_TIMEOUT = 10  # a slow mail server never holds a page for long
    if SITE.email.from_address:
        DEFAULT_FROM_EMAIL = SERVER_EMAIL = SITE.email.from_address
    SITE_URL = SITE.email.site_url
BACKUP_NIGHTLY = SITE.backup.nightly
BACKUP_KEEP_DAILY = SITE.backup.keep_daily
BACKUP_KEEP_MONTHLY = SITE.backup.keep_monthly
BACKUP_ENCRYPT = SITE.backup.encrypt
MEDIA_ROOT = SITE.files_folder
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
