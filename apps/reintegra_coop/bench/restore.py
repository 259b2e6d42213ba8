"""Restoring a backup archive into an empty site, after checking that it is whole and fits.

Runs inside Django (a management command): it asks the site's database whether it is empty
and migrates it at the end, so an archive from an older version comes up to date.
"""

from __future__ import annotations

import hmac
import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from . import mariadb_tools
from .backup import (
    ENCRYPTED_SUFFIX,
    FORMAT,
    MANIFEST,
    SQL_FILE,
    SQLITE_FILE,
    checksum_path,
    sha256_of,
)
from .errors import BenchError
from .site_config import SiteConfig

# What `migrate` itself writes into a new site (content types, permissions, the roles' groups,
# the VAT rates); rows anywhere else mean the site has data. A new data migration filling
# another table fails the backup round-trip test, naming the table to add here.
FILLED_BY_MIGRATE = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "auth_group",
        "auth_group_permissions",
        "orders_vatrate",
    }
)


def verify_checksum(archive: Path) -> None:
    if not archive.is_file():
        raise BenchError(f"There is no archive {archive}.")
    checksum = checksum_path(archive)
    if not checksum.is_file():
        raise BenchError(f"{archive.name} has no checksum file ({checksum.name}); not restoring.")
    expected = checksum.read_text().split()
    if not expected or not hmac.compare_digest(expected[0].lower(), sha256_of(archive)):
        raise BenchError(
            f"{archive.name} does not match its checksum: it was changed or damaged; "
            "nothing was restored."
        )


def open_archive(archive: Path, site: SiteConfig) -> tarfile.TarFile:
    data = archive.read_bytes()
    if archive.name.endswith(ENCRYPTED_SUFFIX):
        from .encryption import decrypt, read_key

        data = decrypt(read_key(site), data)
    try:
        return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
    except tarfile.TarError:
        raise BenchError(f"{archive.name} is not a backup archive of Reintegra Coop.") from None


def read_manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, object]:
    try:
        member = tar.extractfile(MANIFEST)
        manifest = json.load(member) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BenchError(f"{archive.name} has no manifest this version can read.")
    return manifest


def check_it_fits(manifest: dict[str, object], site: SiteConfig, known: set[str]) -> None:
    engine = manifest.get("engine")
    if engine != site.database.engine:
        raise BenchError(
            f"This archive holds a {_engine_name(engine)} database and site {site.name!r} runs "
            f"on {_engine_name(site.database.engine)}; restore it into a site on "
            f"{_engine_name(engine)}."
        )
    archived = manifest.get("migrations")
    newer = sorted({str(name) for name in archived} - known) if isinstance(archived, list) else []
    if newer:
        raise BenchError(
            f"This archive comes from a newer version of Reintegra Coop (app version "
            f"{manifest.get('app_version')}, migration {newer[0]}); upgrade first."
        )


def check_site_is_empty(site: SiteConfig) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in FILLED_BY_MIGRATE:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                raise BenchError(
                    f"Site {site.name!r} is not empty (its table {table} has rows); restore "
                    "only into a new site: reintegra new-site NAME"
                )
    if site.files_folder.is_dir() and any(site.files_folder.iterdir()):
        raise BenchError(
            f"Site {site.name!r} is not empty (its folder {site.files_folder} has files); "
            "restore only into a new site: reintegra new-site NAME"
        )


def restore(tar: tarfile.TarFile, site: SiteConfig) -> None:
    """Put the archive's database and files into the (empty) site; migrate afterwards."""
    with tempfile.TemporaryDirectory(prefix="reintegra-restore-") as staging_name:
        staging = Path(staging_name)
        tar.extractall(staging, filter="data")  # no absolute paths, links out or devices
        if site.database.engine == "sqlite":
            _restore_sqlite(staging / SQLITE_FILE, site)
        else:
            _restore_mariadb(staging / SQL_FILE, site)
        if (staging / "files").is_dir():
            shutil.copytree(staging / "files", site.files_folder, dirs_exist_ok=True)
        # Kept for the operator to compare (it holds the old site's secret key and settings);
        # the site keeps its own config, which names its own database.
        kept = site.folder / "site_config.from-backup.toml"
        shutil.copyfile(staging / "site_config.toml", kept)
        kept.chmod(0o600)


def _restore_sqlite(source: Path, site: SiteConfig) -> None:
    from django.db import connections

    connections.close_all()
    target = site.database.django_settings(site.folder)["NAME"]
    reading = sqlite3.connect(source)
    writing = sqlite3.connect(target, timeout=20)
    try:
        reading.backup(writing)  # replaces every page of the (empty) site's database
    finally:
        writing.close()
        reading.close()


def _restore_mariadb(source: Path, site: SiteConfig) -> None:
    from django.db import connection

    # The new site's (empty) tables go first: the dump creates every table the archive had,
    # and a table of a newer migration is made again by migrate afterwards.
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
        for table in tables:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
        cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
    connection.close()
    mariadb_tools.load(site.database, source)


def _engine_name(engine: object) -> str:
    return {"sqlite": "SQLite", "mariadb": "MariaDB"}.get(str(engine), str(engine))
