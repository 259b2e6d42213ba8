"""Settings for serving every site of the bench from one process (`reintegra --all-sites
start`): the request's host name picks the site (core/sites.py), each site keeps its own
database and its own values in SITES. README, "Many cooperatives on one deployment"."""

from typing import Any

from reintegra_coop.bench.all_sites import bench_secret_key, load_all_sites
from reintegra_coop.bench.site_settings import site_settings

from .base import *  # noqa: F403
from .base import MIDDLEWARE as SINGLE_SITE_MIDDLEWARE

ALL_SITES = load_all_sites()

SECRET_KEY = bench_secret_key()  # one key for the process: bench/all_sites.py says why
DEBUG = all(site.debug for site in ALL_SITES)
# Each site's own values, read for the request's site through core.sites.site_setting.
SITES = {
    site.name: {**site_settings(site), "ALLOWED_HOSTS": list(site.allowed_hosts)}
    for site in ALL_SITES
}
ALLOWED_HOSTS = [host for site in ALL_SITES for host in site.allowed_hosts]
# One database alias a site (site_<name>); "default" belongs to no site: outside a request's
# site it refuses every query instead of guessing. During a request the site's connection also
# answers to "default", so transaction.atomic() and raw SQL reach the site's database.
DATABASES: dict[str, dict[str, Any]] = {"default": {"ENGINE": "django.db.backends.dummy"}}
DATABASES.update(
    {f"site_{site.name}": site.database.django_settings(site.folder) for site in ALL_SITES}
)
DATABASE_ROUTERS = ["reintegra_coop.core.sites.SiteRouter"]
MIDDLEWARE = [
    "reintegra_coop.core.sites.SiteMiddleware",  # first: everything after works in the site
    *(
        "reintegra_coop.core.sites.SiteLocaleMiddleware"
        if name == "django.middleware.locale.LocaleMiddleware"
        else name
        for name in SINGLE_SITE_MIDDLEWARE
    ),
]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": "reintegra_coop.core.sites.cache_key",  # keys carry the site's name
    }
}
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "reintegra_coop.core.sites.SiteFileStorage"},  # files/ of the site
}
# The process's own zone; each request works in its site's zone (timezone.activate).
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"


# django-otp takes the issuer of a new authenticator as a callable: the site's cooperative.
def totp_issuer(device: Any) -> str:
    from reintegra_coop.core.sites import site_setting

    return str(site_setting("COOPERATIVE")["name"])


OTP_TOTP_ISSUER = totp_issuer  # type: ignore[assignment]


# HTTPS is all or nothing: the sites share one proxy and one set of cookie settings.
behind_proxy = {site.behind_https_proxy for site in ALL_SITES}
if len(behind_proxy) > 1:
    from reintegra_coop.bench.errors import BenchError

    raise BenchError(
        "Some sites say behind_https_proxy = true and others false: served together, "
        "all sites must say the same."
    )
if behind_proxy == {True}:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
    SECURE_SSL_REDIRECT = True
    # the most careful of the sites' choices
    SECURE_HSTS_SECONDS = min(site.hsts_seconds for site in ALL_SITES)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = all(site.hsts_include_subdomains for site in ALL_SITES)
    SECURE_HSTS_PRELOAD = all(site.hsts_preload for site in ALL_SITES)

MEDIA_URL = "/files/"
# One process, many sites: the log goes to standard error (systemd's journal), each line
# under the process; a site's logs/ folder is for the single-site server.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405 - whitenoise wants it, even before collectstatic
