"""Backups that restore: a site backed up and restored into a new empty site has every row of
every table and every uploaded file back; a changed archive, a site with data, an archive of
the other database and a missing key are refused in one line; retention keeps the right ones."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

from reintegra_coop.bench.database_url import parse_database_url

REINTEGRA = [sys.executable, "-m", "reintegra_coop.bench.cli"]
# Every row of every table the site's database has, as text, to compare before and after.
ALL_ROWS = """
import json
from django.db import connection
rows = {}
with connection.cursor() as cursor:
    for table in connection.introspection.table_names(cursor):
        cursor.execute("SELECT * FROM " + connection.ops.quote_name(table))
        rows[table] = sorted(repr(tuple(row)) for row in cursor.fetchall())
print(json.dumps(rows))
"""


def reintegra(sites: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env["REINTEGRA_SITES_DIR"] = str(sites)
    return subprocess.run([*REINTEGRA, *args], capture_output=True, text=True, env=env, timeout=300)


def succeeds(sites: Path, *args: str) -> str:
    result = reintegra(sites, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(sites: Path, *args: str) -> str:
    """The one line a refused command prints."""
    result = reintegra(sites, *args)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def all_rows(sites: Path, site: str) -> dict[str, list[str]]:
    return json.loads(succeeds(sites, "--site", site, "shell", "--no-imports", "-c", ALL_ROWS))


def new_site(sites: Path, name: str, *options: str) -> str:
    succeeds(sites, "new-site", name, *options)
    return name


def empty_site(sites: Path, name: str) -> str:
    """A new SQLite site, as new-site makes it (a copy of one made once: migrating is slow)."""
    shutil.copytree(sites / "blank", sites / name)
    return name


def make_source(sites: Path, *options: str) -> Path:
    """A site with the demo cooperative and an uploaded file, backed up once."""
    if options:
        new_site(sites, "source", *options)
    else:
        empty_site(sites, "source")
    succeeds(sites, "--site", "source", "load-demo", "--quiet-logins")
    uploaded = sites / "source" / "files" / "contracts" / "umowa-ś.pdf"
    uploaded.parent.mkdir(parents=True)
    uploaded.write_bytes(b"%PDF-1.4 a contract\x00\xff")
    succeeds(sites, "--site", "source", "backup")
    return only_archive(sites / "source" / "backups")


def only_archive(folder: Path) -> Path:
    (archive,) = (path for path in folder.iterdir() if path.name.endswith((".gz", ".enc")))
    return archive


def assert_round_trip(sites: Path, source: str, restored: str) -> None:
    before, after = all_rows(sites, source), all_rows(sites, restored)
    assert sorted(after) == sorted(before)
    assert sum(1 for rows in before.values() if rows) > 30  # the demo fills most tables
    for table, rows in before.items():
        assert after[table] == rows, f"table {table} differs after the round trip"
    uploaded = Path("contracts") / "umowa-ś.pdf"
    assert (sites / restored / "files" / uploaded).read_bytes() == (
        sites / source / "files" / uploaded
    ).read_bytes()


@pytest.fixture(scope="module")
def sqlite_sites(tmp_path_factory) -> tuple[Path, Path]:
    sites = tmp_path_factory.mktemp("sites")
    new_site(sites, "blank")
    return sites, make_source(sites)


def test_a_sqlite_site_comes_back_with_every_row_of_every_table_and_its_files(sqlite_sites):
    sites, archive = sqlite_sites
    empty_site(sites, "copy")
    output = succeeds(sites, "--site", "copy", "restore", str(archive))
    assert f"Restored site 'copy' from {archive.name} (site 'source'" in output
    # when it was made, in the site's time zone (Warsaw: +01:00 in winter, +02:00 in summer)
    assert re.search(r"made \d{4}-\d\d-\d\d \d\d:\d\d\+0[12]:00, version", output)
    assert_round_trip(sites, "source", "copy")
    assert (sites / "copy" / "site_config.from-backup.toml").is_file()


def test_the_archive_is_dated_with_a_checksum_beside_it_and_a_manifest_inside(sqlite_sites):
    sites, archive = sqlite_sites
    assert archive.parent == sites / "source" / "backups"
    moment = datetime.datetime.strptime(archive.name, "source-%Y-%m-%dT%H%M%SZ.tar.gz")
    # Dated when it was written: the file system's clock, which the suite's frozen clock
    # (pytest --clock) does not move — the backup ran as a separate process, at the real time.
    written = datetime.datetime.fromtimestamp(archive.stat().st_mtime, datetime.UTC)
    assert abs(moment - written.replace(tzinfo=None)) < datetime.timedelta(minutes=5)
    checksum = archive.with_name(archive.name + ".sha256").read_text()
    assert checksum.endswith(f"  {archive.name}\n") and len(checksum.split()[0]) == 64
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"database.sqlite3", "site_config.toml", "files/contracts/umowa-ś.pdf"} <= names
    assert (manifest["site"], manifest["engine"], manifest["format"]) == ("source", "sqlite", 1)
    assert manifest["app_version"] and manifest["created_at"].endswith("+00:00")
    assert "people.0001_initial" in manifest["migrations"]


def test_a_changed_archive_is_refused_in_one_line_and_the_site_stays_empty(sqlite_sites, tmp_path):
    sites, archive = sqlite_sites
    changed = tmp_path / archive.name
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 1
    changed.write_bytes(bytes(data))
    (tmp_path / (archive.name + ".sha256")).write_bytes(
        archive.with_name(archive.name + ".sha256").read_bytes()
    )
    empty_site(sites, "victim")
    line = refused(sites, "--site", "victim", "restore", str(changed))
    assert line == (
        f"reintegra: error: {archive.name} does not match its checksum: it was changed or "
        "damaged; nothing was restored."
    )
    assert all_rows(sites, "victim")["people_trainee"] == []


def test_a_site_with_data_is_refused_in_one_line(sqlite_sites):
    sites, archive = sqlite_sites
    line = refused(sites, "--site", "source", "restore", str(archive))
    assert line.startswith("reintegra: error: Site 'source' is not empty (its table ")
    assert line.endswith("restore only into a new site: reintegra new-site NAME")


def test_a_site_with_uploaded_files_is_refused_in_one_line(sqlite_sites):
    sites, archive = sqlite_sites
    empty_site(sites, "papers")
    (sites / "papers" / "files" / "note.txt").write_text("kept")
    line = refused(sites, "--site", "papers", "restore", str(archive))
    assert "Site 'papers' is not empty (its folder" in line


def test_an_encrypted_backup_restores_only_with_the_key(sqlite_sites, tmp_path):
    sites, _ = sqlite_sites
    key = tmp_path / "backup.key"
    for site in ("source", "secret", "keyless"):
        if site != "source":
            empty_site(sites, site)
        config = sites / site / "site_config.toml"
        if site != "keyless":
            config.write_text(config.read_text() + f'\n[backup]\nkey_file = "{key}"\n')
    succeeds(sites, "--site", "source", "backup-key")
    assert refused(sites, "--site", "source", "backup-key").endswith("it is kept as it is.")
    folder = tmp_path / "encrypted"
    succeeds(sites, "--site", "source", "backup", "--encrypt", "--to", str(folder))
    archive = only_archive(folder)
    assert archive.name.endswith(".tar.gz.enc")
    assert not tarfile.is_tarfile(archive)
    assert "has no backup key" in refused(sites, "--site", "keyless", "restore", str(archive))
    succeeds(sites, "--site", "secret", "restore", str(archive))
    assert all_rows(sites, "secret") == all_rows(sites, "source")


def test_backup_keeps_the_newest_of_each_day_and_month_and_deletes_the_rest(sqlite_sites, tmp_path):
    sites, _ = sqlite_sites
    empty_site(sites, "coop")
    folder = tmp_path / "kept"
    folder.mkdir()
    old = ["coop-2026-01-15T020000Z", "coop-2026-02-01T020000Z", "coop-2026-02-02T020000Z"]
    other_site = folder / "other-2026-01-01T020000Z.tar.gz"
    for name in old:
        (folder / f"{name}.tar.gz").write_bytes(b"x")
        (folder / f"{name}.tar.gz.sha256").write_text("x")
    other_site.write_bytes(b"x")
    output = succeeds(
        sites, "--site", "coop", "backup", "--to", str(folder), "--keep-daily", "2",
        "--keep-monthly", "2",
    )  # fmt: skip
    today = output.splitlines()[0].rsplit("/", 1)[1]
    assert output.splitlines()[1:] == [
        f"Deleted old backup {folder / old[0]}.tar.gz",
        f"Deleted old backup {folder / old[1]}.tar.gz",
    ]
    # today's; the newest of the day before (and of February); another site's, never touched
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [
            today,
            f"{today}.sha256",
            f"{old[2]}.tar.gz",
            f"{old[2]}.tar.gz.sha256",
            other_site.name,
        ]
    )


@pytest.mark.mariadb_only
def test_a_mariadb_site_comes_back_with_every_row_of_every_table_and_its_files(
    tmp_path, mariadb_server_url, sqlite_sites
):
    import MySQLdb

    server = parse_database_url(mariadb_server_url)
    names = {site: f"reintegra_backup_{site}_{uuid.uuid4().hex[:8]}" for site in ("a", "b")}
    url = f"mariadb://{server.user}:{server.password}@{server.host}:{server.port}/"
    sites = tmp_path / "sites"
    try:
        archive = make_source(sites, "--db-url", url + names["a"])
        new_site(sites, "copy", "--db-url", url + names["b"])
        succeeds(sites, "--site", "copy", "restore", str(archive))
        assert_round_trip(sites, "source", "copy")
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
            assert "database.sql" in tar.getnames()
        assert manifest["engine"] == "mariadb"
        _, sqlite_archive = sqlite_sites
        line = refused(sites, "--site", "copy", "restore", str(sqlite_archive))
        assert line == (
            "reintegra: error: This archive holds a SQLite database and site 'copy' runs on "
            "MariaDB; restore it into a site on SQLite."
        )
    finally:
        connection = MySQLdb.connect(
            host=server.host, port=server.port, user=server.user, password=server.password
        )
        for name in names.values():
            connection.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
        connection.close()
