"""Many cooperatives on one deployment: the request's host name picks the site (README).

Serving one site, a site's values are Django settings and ``site_setting`` just reads them.
Serving every site (config/settings/sites.py), ``SiteMiddleware`` runs first: it finds the
site whose ``allowed_hosts`` name the request's host (any other host gets Django's 400) and,
for that request only, ``serving(site)`` sets the site in a context variable, sends every
query to the site's database (``SiteRouter``, and the site's connection answers to "default"
too, for ``transaction.atomic()`` and raw SQL) and activates the site's time zone. Settings
themselves never change per request: Django caches them and threads share them.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.files.storage import FileSystemStorage
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.request import split_domain_port, validate_host
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.translation import trans_real

current_site: ContextVar[str | None] = ContextVar("reintegra_site", default=None)
_MISSING = object()


def site_setting(name: str, default: Any = _MISSING) -> Any:
    """The request's site's value of a per-site setting (CURRENCY, COOPERATIVE, …); serving
    one site, or outside any site, the setting itself (or the default, if given)."""
    site = current_site.get()
    if site is not None:
        value = settings.SITES[site].get(name, _MISSING)
        if value is not _MISSING:
            return value
    if default is _MISSING:
        return getattr(settings, name)
    return getattr(settings, name, default)


def database_alias(site: str) -> str:
    return f"site_{site}"


@contextlib.contextmanager
def serving(site: str) -> Iterator[None]:
    """Work as the given site: its values, its database, its time zone; all put back after."""
    alias = database_alias(site)
    token = current_site.set(site)
    outside = connections[DEFAULT_DB_ALIAS]  # connections are per thread
    connections[DEFAULT_DB_ALIAS] = connections[alias]
    timezone.activate(ZoneInfo(settings.SITES[site]["TIME_ZONE"]))
    try:
        yield
    finally:
        timezone.deactivate()
        connections[DEFAULT_DB_ALIAS] = outside
        current_site.reset(token)


def site_of_host(host: str) -> str:
    """The site whose allowed_hosts name this host (as Django matches them: ".example.org"
    also matches its subdomains); DisallowedHost (a 400) when none does."""
    domain, _port = split_domain_port(host)
    for name, values in settings.SITES.items():
        if domain and validate_host(domain, values["ALLOWED_HOSTS"]):
            return str(name)
    raise DisallowedHost(f"No site serves the host {host!r}.")


class SiteMiddleware:
    """First of all middleware: the rest of the request runs inside its site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            site = site_of_host(request.get_host())  # get_host() refuses hosts no site allows
        except DisallowedHost as error:
            # Django's answer to a host it does not serve, without a page: no site, no theme
            logging.getLogger("django.security.DisallowedHost").error(str(error))
            return HttpResponseBadRequest("Bad Request (400)", content_type="text/plain")
        with serving(site):
            return self.get_response(request)


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the site's language where the person asks for none
    (no language cookie, no language of ours in the browser's Accept-Language)."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(requested_language(request) or site_setting("LANGUAGE_CODE"))
        request.LANGUAGE_CODE = translation.get_language()


def requested_language(request: HttpRequest) -> str | None:
    candidates = [request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or ""]
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    candidates += [code for code, _quality in trans_real.parse_accept_lang_header(header)]
    for code in candidates:
        if code == "*":
            break
        if code and trans_real.language_code_re.search(code):
            with contextlib.suppress(LookupError):
                return str(trans_real.get_supported_language_variant(code))
    return None


class SiteRouter:
    """Every query goes to the database of the site being served; with no site, to "default",
    which serving all sites is a dummy that refuses (never another site's data)."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        site = current_site.get()
        return database_alias(site) if site is not None else None

    db_for_write = db_for_read

    def allow_relation(self, first: Model, second: Model, **hints: Any) -> bool:
        return bool(first._state.db == second._state.db)

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != DEFAULT_DB_ALIAS


def cache_key(key: str, key_prefix: str, version: int) -> str:
    """Cache keys carry the site's name: no site reads another's cached values."""
    return f"{current_site.get() or '-'}:{key_prefix}:{version}:{key}"


class SiteFileStorage(FileSystemStorage):
    """Uploaded files under the folder of the site being served (sites/<site>/files/)."""

    @property
    def base_location(self) -> str:
        return str(site_setting("MEDIA_ROOT"))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def mail_connection() -> BaseEmailBackend:
    """The mail server of the site being served ([email] of its site_config.toml)."""
    return get_connection(
        host=site_setting("EMAIL_HOST"),
        port=site_setting("EMAIL_PORT"),
        username=site_setting("EMAIL_HOST_USER"),
        password=site_setting("EMAIL_HOST_PASSWORD"),
        use_tls=site_setting("EMAIL_USE_TLS"),
        timeout=site_setting("EMAIL_TIMEOUT"),
    )
