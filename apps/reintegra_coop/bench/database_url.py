"""Parse the database URL kept in a site's config into Django's DATABASES entry (the URL is
read by dj-database-url; the checks, the site-folder rule and our options are ours).

Two kinds are understood:
- ``sqlite:///db.sqlite3`` — a file; a relative path is inside the site folder,
  ``sqlite:////var/lib/coop.sqlite3`` is absolute.
- ``mariadb://user:password@host:port/name`` — a MariaDB server (``mysql://`` is accepted too).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url

from .errors import BenchError

MARIADB_SCHEMES = ("mariadb", "mysql")
DEFAULT_MARIADB_PORT = 3306


@dataclass(frozen=True)
class DatabaseUrl:
    engine: str  # "sqlite" or "mariadb"
    name: str  # file path for SQLite, database name for MariaDB
    user: str = ""
    password: str = ""
    host: str = ""
    port: int | None = None

    def django_settings(self, site_folder: Path | None = None) -> dict[str, Any]:
        if self.engine == "sqlite":
            path = Path(self.name)
            if not path.is_absolute() and site_folder is not None:
                path = site_folder / path
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(path),
                # Readers never wait for a writer (WAL); a write takes its lock when its
                # transaction starts, so two writers queue instead of failing half-way
                # ("database is locked" at COMMIT); a writer waits up to 20 s for the lock.
                "OPTIONS": {
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                    "transaction_mode": "IMMEDIATE",
                    "timeout": 20,
                },
            }
        return {
            "ENGINE": "django.db.backends.mysql",
            "NAME": self.name,
            "USER": self.user,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": str(self.port or ""),
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                "charset": "utf8mb4",
                "init_command": "SET sql_mode='STRICT_TRANS_TABLES', innodb_strict_mode=1",
                "isolation_level": "read committed",
            },
            "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
        }


def parse_database_url(url: str) -> DatabaseUrl:
    """Parse ``url`` (dj-database-url reads its parts) or raise BenchError saying what is
    wrong with it: dj-database-url takes a URL with no host, user or database name, which
    would only fail later, at the first query."""
    url = url.strip()
    if "://" not in url:
        raise BenchError(
            f"Malformed database URL {url!r}: expected sqlite:///FILE "
            "or mariadb://user:password@host:port/name."
        )
    scheme, rest = url.split("://", 1)
    if scheme == "sqlite":
        if not rest.startswith("/") or rest == "/":
            raise BenchError(f"Malformed database URL {url!r}: expected sqlite:///FILE.")
        # sqlite:///relative.db -> "relative.db"; sqlite:////abs.db -> "/abs.db"
        return DatabaseUrl(engine="sqlite", name=dj_database_url.parse(url)["NAME"])
    if scheme not in MARIADB_SCHEMES:
        raise BenchError(
            f"Unsupported database URL scheme {scheme!r} in {_redact(url)!r}: "
            "use sqlite:// or mariadb://."
        )
    try:
        parts = dj_database_url.parse(f"mysql://{rest}")  # mariadb:// is MySQL's backend
    except ValueError:
        raise BenchError(
            f"Malformed database URL {_redact(url)!r}: the port is not a number."
        ) from None
    name = str(parts["NAME"])
    if not parts["HOST"]:
        raise BenchError(f"Malformed database URL {_redact(url)!r}: the host is missing.")
    if not name or "/" in name:
        raise BenchError(
            f"Malformed database URL {_redact(url)!r}: the database name is missing or has a '/'."
        )
    if not parts["USER"]:
        raise BenchError(f"Malformed database URL {_redact(url)!r}: the user is missing.")
    return DatabaseUrl(
        engine="mariadb",
        name=name,
        user=str(parts["USER"]),
        password=str(parts["PASSWORD"] or ""),
        host=str(parts["HOST"]),
        port=int(parts["PORT"] or DEFAULT_MARIADB_PORT),
    )


def _redact(url: str) -> str:
    """The URL with its password hidden, for error messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url
