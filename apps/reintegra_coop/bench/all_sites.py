"""Every site of the bench served by one set of processes, chosen by host name (README, "Many
cooperatives on one deployment"), as a Frappe bench does.

The processes share one secret key, kept in ``sites/common_site_config.toml`` (Frappe's name
for the bench-wide config): Django signs with one key per process, and swapping it per request
is not safe between threads. What must not cross from one site to another is kept in each
site's own database instead — sessions, login codes, two-factor devices, lockouts.
"""

from __future__ import annotations

import secrets
import tomllib
from collections.abc import Iterable

from django.http.request import validate_host

from .errors import BenchError
from .site_config import CONFIG_FILE, SiteConfig, load_site, sites_folder

COMMON_CONFIG_FILE = "common_site_config.toml"


def site_names() -> list[str]:
    """The sites of the bench: each folder of sites/ holding a site_config.toml."""
    return sorted(
        folder.name for folder in sites_folder().glob("*") if (folder / CONFIG_FILE).is_file()
    )


def load_all_sites() -> list[SiteConfig]:
    """Every site's config, or BenchError: a broken site or a host name claimed by two sites
    stops the start instead of leaving a cooperative unserved or served another's data."""
    names = site_names()
    if not names:
        raise BenchError(
            f"No sites in {sites_folder()}: create one with `reintegra new-site NAME`."
        )
    sites = [load_site(name) for name in names]
    for site in sites:
        if "*" in site.allowed_hosts:
            raise BenchError(
                f"Site {site.name!r} allows every host ('*'): serving all sites, each site "
                "must name its own hosts."
            )
    for index, site in enumerate(sites):
        for other in sites[index + 1 :]:
            ours, theirs = _spelled_alike(site.allowed_hosts), _spelled_alike(other.allowed_hosts)
            for host in (*ours, *theirs):
                # ".example.org" also matches coop.example.org, as Django matches hosts
                name = host.lstrip(".")
                if validate_host(name, ours) and validate_host(name, theirs):
                    raise BenchError(
                        f"Host {name!r} is in allowed_hosts of both {site.name!r} and "
                        f"{other.name!r}: each host name must lead to one site."
                    )
    return sites


def _spelled_alike(hosts: Iterable[str]) -> list[str]:
    """Host names as a request's host is compared with them: in small letters, without the
    root's trailing dot ("Coop.Example.org." is coop.example.org)."""
    return [host.lower().rstrip(".") or host for host in hosts]


def bench_secret_key() -> str:
    path = sites_folder() / COMMON_CONFIG_FILE
    try:
        return str(tomllib.loads(path.read_text(encoding="utf-8"))["security"]["secret_key"])
    except FileNotFoundError:
        raise BenchError(
            f"{path} is missing: `reintegra --all-sites start` (or migrate) writes it."
        ) from None
    except (tomllib.TOMLDecodeError, KeyError):
        raise BenchError(f"{path} must hold [security] secret_key.") from None


def ensure_bench_secret_key() -> None:
    """Write the bench's secret key once, before any process reads it."""
    path = sites_folder() / COMMON_CONFIG_FILE
    if path.exists():
        return
    path.write_text(
        "# Shared by every site when one deployment serves them all. Keep it private.\n"
        f'[security]\nsecret_key = "{secrets.token_urlsafe(50)}"\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
