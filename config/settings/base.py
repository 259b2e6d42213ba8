"""Settings every site shares. Per-site values (database, secret key, currency, time zone,
language) come from sites/<name>/site_config.toml through site.py."""

from pathlib import Path
from typing import Any

from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "apps" / "reintegra_coop"
BENCH_DIR = PACKAGE_DIR.parents[1]

AREAS = [
    "core",
    "people",
    "orders",
    "work",
    "pay",
    "housing",
    "care",
    "pathways",
    "portal",
    "privacy",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "sequences",
    "django_tasks",
    "django_tasks_db",
    *[f"reintegra_coop.{area}" for area in AREAS],
    "reintegra_coop.bench",  # the `load_demo` command
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "reintegra_coop.core.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A session that still owes its second step reaches only the code page (core/two_factor.py).
    "reintegra_coop.core.two_factor.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "reintegra_coop.core.sessions.IdleLogoutMiddleware",
    "reintegra_coop.core.queries.BadQueryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Report pages read from the site's read replica when it has one (core/replica.py).
DATABASE_ROUTERS = ["reintegra_coop.core.replica.ReportsRouter"]
WSGI_APPLICATION = "config.wsgi.application"

# Our pages are Jinja2 (templates/<area>/ in each area); the admin keeps Django templates.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / area / "templates" for area in AREAS],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "extensions": ["jinja2.ext.i18n"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "reintegra_coop.core.context_processors.site",
            ],
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    # First, so locked-out users are refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "reintegra_coop.people.logins.UsernameOrCardNumberBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Wrong passwords and PINs lock a person, not a place: core/lockout.py explains the rules.
AXES_HANDLER = "reintegra_coop.core.lockout.PerPersonLockoutHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_USERNAME_CALLABLE = "reintegra_coop.people.logins.account_name"
AXES_CLIENT_IP_CALLABLE = "reintegra_coop.core.client_address.client_address"
AXES_FAILURE_LIMIT = LOCKOUT_FAILURES_PER_ADDRESS = 5  # one account, from one address
LOCKOUT_FAILURES_PER_ACCOUNT = 10  # one account, from anywhere
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True  # clears only the account that logged in
# Tries during a lock do not lengthen it: nobody keeps another person locked out for good.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Addresses of the reverse proxies whose X-Forwarded-For is believed (core/client_address.py).
TRUSTED_PROXIES: list[str] = []
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"

# Two-factor login (core/two_factor.py): the staff roles whose logins give a 6-digit code from
# an authenticator app after the password; none unless the site lists them.
TWO_FACTOR_ROLES: tuple[str, ...] = ()
OTP_TOTP_ISSUER = "Reintegra Coop"

# Sessions end after this many quiet minutes (core/sessions.py); a role's own key wins.
IDLE_MINUTES = {"staff": 30, "trainee": 10}
# A month's rent falls due on this day of the month (housing/rent.py: arrears count only what
# fell due).
RENT_DUE_DAY = 10
# One-time login codes (portal/models.py): valid this long; managers print them, and care
# leads too where the site allows it.
LOGIN_CODE_HOURS = 24
CARE_LEADS_PRINT_LOGIN_CODES = False
INSTRUCTORS_APPROVE_LOGS = False  # site_config.toml [site] instructors_approve_logs
CLOSED_DAYS: tuple = ()  # site_config.toml [site] closed_days: no shifts then
# Notices are e-mailed to staff only where the site names a mail server (site_config.toml
# [email] host); SITE_URL makes the link in the e-mail whole (core/notifications.py).
NOTIFY_BY_EMAIL = False
SITE_URL = ""
# How many years each kind of record is kept before the nightly job pseudonymises it
# (privacy/retention.py: pay, rent and work after the end of the record's year, care notes and
# personal details after the end of the year the trainee left); site_config.toml [retention].
RETENTION_YEARS = {
    "pay_records": 5,
    "rent_records": 5,
    "work_logs": 5,
    "care_notes": 10,
    "personal_details": 5,
}
# Serving every site from one process (sites.py): each site's own values by site name, read
# through core.sites.site_setting. Empty when one process serves one site.
SITES: dict[str, dict[str, Any]] = {}
# Background jobs (README "Background jobs"): django-tasks with its database backend, so a page
# enqueues a job as a row of the site's own database and `reintegra --site S worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The worker backs the site up every night only where site_config.toml says so ([backup]
# nightly = true); a systemd timer (reintegra-backup@.timer) is the other way.
BACKUP_NIGHTLY = False
BACKUP_KEEP_DAILY = 7
BACKUP_KEEP_MONTHLY = 12
BACKUP_ENCRYPT = False
# The back office shows a record's history; it never reverts it (core/admin.py).
SIMPLE_HISTORY_REVERT_DISABLED = True

LANGUAGES = [("pl", _("Polish")), ("cs", _("Czech")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BENCH_DIR / "static_root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Every page may run, style and show only what comes from our own origin (django-csp): no
# inline script, event handler or style attribute — behaviour lives in static files
# (<area>/static/<area>/*.js) and tests/core/test_content_security_policy.py scans every
# template for what this would block. Images may also be data: URIs; nothing may frame a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The back office (Django's admin, /admin/) keeps third-party templates we do not rewrite:
# django-simple-history's history page carries one style attribute (`border-top: 0` on its
# paginator). Only that exact attribute is let through there, by its hash; scripts stay as
# strict as everywhere else (core/content_security.py applies this to /admin/ only).
BACK_OFFICE_CONTENT_SECURITY_POLICY_UPDATE = {
    "style-src": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["reintegra_coop.core.api.ScopedModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "reintegra_coop.core.api_schema.ApiSchema",
    # JSON only: the browsable HTML view would list unscoped choices in its forms.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "reintegra_coop.core.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Reintegra Coop API",
    "DESCRIPTION": (
        "Orders, customers, the catalogue and production lots of one cooperative site. "
        "Days are ISO dates (2026-12-01). A time of day (a work log's start and end) is the "
        "site's wall-clock time, 08:00:00. A moment (disputed_at, …) is RFC 3339 in the site's "
        "time zone with its offset: 2026-12-01T08:00:00+01:00 in Warsaw in winter, +02:00 in "
        "summer; a moment sent without an offset is read in the site's time zone."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}
