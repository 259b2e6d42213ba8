"""A site's own settings, from its site_config.toml: what differs between cooperatives.

Serving one site (config/settings/site.py) they become Django settings; serving every site
from one process (config/settings/sites.py) each site keeps them in ``SITES[name]`` and the
code reads them for the request's site through ``core.sites.site_setting``.
"""

from __future__ import annotations

from typing import Any

from reintegra_coop.privacy.retention import DEFAULT_YEARS as DEFAULT_RETENTION_YEARS

from .site_config import SiteConfig

DEFAULT_COOPERATIVE = {"name": "Reintegra Coop", "address": "", "tax_id": "", "bank_account": ""}


def site_settings(site: SiteConfig) -> dict[str, Any]:
    """The settings that differ from site to site, by their Django names."""
    values: dict[str, Any] = {
        "TIME_ZONE": site.time_zone,
        "LANGUAGE_CODE": site.language,
        "CURRENCY": site.currency,
        "COUNTRY": site.country,
        "COOPERATIVE": {**DEFAULT_COOPERATIVE, **site.cooperative},
        "RENT_DUE_DAY": site.rent_due_day,
        "TRUSTED_PROXIES": list(site.trusted_proxies),
        "IDLE_MINUTES": {"staff": site.idle_minutes_staff, "trainee": site.idle_minutes_trainee},
        "TWO_FACTOR_ROLES": site.two_factor_roles,
        "LOGIN_CODE_HOURS": site.login_code_hours,
        "CARE_LEADS_PRINT_LOGIN_CODES": site.care_leads_print_login_codes,
        "INSTRUCTORS_APPROVE_LOGS": site.instructors_approve_logs,
        "CLOSED_DAYS": site.closed_days,
        "MEDIA_ROOT": site.files_folder,
        "NOTIFY_BY_EMAIL": False,
        "SITE_URL": "",
        # kinds the site leaves out keep the defaults in config/settings/base.py
        "RETENTION_YEARS": {**DEFAULT_RETENTION_YEARS, **site.retention_years},
    }
    values["OTP_TOTP_ISSUER"] = values["COOPERATIVE"]["name"]
    if site.email.host:
        values.update(
            NOTIFY_BY_EMAIL=True,
            EMAIL_HOST=site.email.host,
            EMAIL_PORT=site.email.port,
            EMAIL_HOST_USER=site.email.user,
            EMAIL_HOST_PASSWORD=site.email.password,
            EMAIL_USE_TLS=site.email.use_tls,
            EMAIL_TIMEOUT=10,  # a slow mail server never holds a page for long
            SITE_URL=site.email.site_url,
        )
        if site.email.from_address:
            values["DEFAULT_FROM_EMAIL"] = values["SERVER_EMAIL"] = site.email.from_address
    return values
