"""A site's backup: one dated archive with its database, uploaded files, config and a manifest.

    sites/coop/backups/coop-2026-12-02T140512Z.tar.gz          (…tar.gz.enc when encrypted)
    sites/coop/backups/coop-2026-12-02T140512Z.tar.gz.sha256   (`sha256sum -c` reads it)

Inside: ``manifest.json`` (site, engine, time, app version, applied migrations),
``database.sqlite3`` (SQLite's online backup, never a copy of the live file) or ``database.sql``
(``mariadb-dump --single-transaction``: one consistent snapshot while the site runs),
``files/`` (the uploaded files) and ``site_config.toml``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import mariadb_tools
from .errors import BenchError
from .site_config import CONFIG_FILE, SiteConfig

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE = "database.sqlite3"
SQL_FILE = "database.sql"
ARCHIVE_SUFFIX = ".tar.gz"
ENCRYPTED_SUFFIX = ".tar.gz.enc"
STAMP_FORMAT = "%Y-%m-%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<site>.+)-(?P<stamp>\d{4}-\d\d-\d\dT\d{6}Z)\.tar\.gz(\.enc)?$")


@dataclass(frozen=True)
class Manifest:
    site: str
    engine: str
    created_at: str
    app_version: str
    migrations: list[str]
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2, sort_keys=True) + "\n"


def default_folder(site: SiteConfig) -> Path:
    return site.folder / "backups"


def archive_name(site_name: str, moment: datetime.datetime, encrypted: bool) -> str:
    stamp = moment.astimezone(datetime.UTC).strftime(STAMP_FORMAT)
    return f"{site_name}-{stamp}{ENCRYPTED_SUFFIX if encrypted else ARCHIVE_SUFFIX}"


def archives_in(folder: Path, site_name: str) -> dict[Path, datetime.datetime]:
    """This site's archives in ``folder`` with the moment each was made (others are ignored)."""
    found = {}
    for path in folder.glob(f"{site_name}-*.tar.gz*"):
        match = _NAME.match(path.name)
        if match and match["site"] == site_name:
            moment = datetime.datetime.strptime(match["stamp"], STAMP_FORMAT)
            found[path] = moment.replace(tzinfo=datetime.UTC)
    return found


def checksum_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def back_up(
    site: SiteConfig,
    folder: Path,
    migrations: list[str],
    key: bytes | None = None,
    now: datetime.datetime | None = None,
) -> Path:
    """Write the site's archive and its checksum into ``folder``; return the archive's path."""
    moment = now or datetime.datetime.now(datetime.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / archive_name(site.name, moment, encrypted=key is not None)
    if archive.exists():
        raise BenchError(f"{archive} already exists; try again in a second.")
    manifest = Manifest(
        site=site.name,
        engine=site.database.engine,
        created_at=moment.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        app_version=metadata.version("reintegra-coop"),
        migrations=sorted(migrations),
    )
    # Written beside the archive under a temporary name and renamed at the end, so a failed
    # backup never leaves a half archive that looks whole.
    partial = archive.with_name(archive.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as staging:
            database = dump_database(site, Path(staging))
            with tarfile.open(partial, "w:gz") as tar:
                _add_text(tar, MANIFEST, manifest.to_json())
                tar.add(database, arcname=database.name)
                tar.add(site.folder / CONFIG_FILE, arcname=CONFIG_FILE)
                if site.files_folder.is_dir():
                    tar.add(site.files_folder, arcname="files")
        if key is not None:
            from . import encryption

            partial.write_bytes(encryption.encrypt(key, partial.read_bytes()))
        partial.chmod(0o600)  # the config inside holds the secret key
        partial.rename(archive)
    finally:
        partial.unlink(missing_ok=True)
    checksum_path(archive).write_text(f"{sha256_of(archive)}  {archive.name}\n")
    return archive


def dump_database(site: SiteConfig, staging: Path) -> Path:
    settings = site.database.django_settings(site.folder)
    if site.database.engine == "sqlite":
        target = staging / SQLITE_FILE
        copy_sqlite(Path(settings["NAME"]), target)
        return target
    target = staging / SQL_FILE
    mariadb_tools.dump(site.database, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a live SQLite database page by page with SQLite's online backup API: a consistent
    snapshot even while the site writes (a file copy could catch half a transaction)."""
    if not source.is_file():
        raise BenchError(f"The site's SQLite database {source} does not exist.")
    reading = sqlite3.connect(source, timeout=20)
    writing = sqlite3.connect(target)
    try:
        reading.backup(writing)
        writing.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
    finally:
        writing.close()
        reading.close()


def _add_text(tar: tarfile.TarFile, name: str, text: str) -> None:
    import io

    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))
