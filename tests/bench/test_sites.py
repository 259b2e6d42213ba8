"""The `reintegra` command, run as a user runs it: in a subprocess, against a sites folder."""

from __future__ import annotations

import datetime
import os
import sqlite3
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path

import pytest

from reintegra_coop.bench.database_url import parse_database_url

REINTEGRA = [sys.executable, "-m", "reintegra_coop.bench.cli"]


# A guard against a hung command, not a speed target: a busy CI machine may take minutes to
# create and migrate a site.
HANG = 600


def reintegra(
    sites: Path, *args: str, site_env: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env["REINTEGRA_SITES_DIR"] = str(sites)
    if site_env is not None:
        env["REINTEGRA_SITE"] = site_env
    return subprocess.run(
        [*REINTEGRA, *args], capture_output=True, text=True, env=env, timeout=HANG
    )


def print_setting(sites: Path, expression: str, *global_options: str, site_env: str | None = None):
    code = f"from django.conf import settings; print({expression})"
    return reintegra(sites, *global_options, "shell", "--no-imports", "-c", code, site_env=site_env)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Path:
    """A sites folder with two SQLite sites, made once for the module (migrating takes seconds)."""
    folder = tmp_path_factory.mktemp("sites")
    for name, extra in (
        ("default", []),
        (
            "praha",
            [
                "--currency",
                "CZK",
                "--language",
                "cs",
                "--time-zone",
                "Europe/Prague",
                "--country",
                "CZ",
            ],
        ),
    ):
        result = reintegra(folder, "new-site", name, *extra)
        assert result.returncode == 0, result.stderr
    return folder


def test_new_site_makes_a_folder_with_config_and_a_migrated_sqlite_database(sites):
    folder = sites / "praha"
    config = tomllib.loads((folder / "site_config.toml").read_text())
    assert config["site"] == {
        "currency": "CZK",
        "time_zone": "Europe/Prague",
        "language": "cs",
        "country": "CZ",
        "rent_due_day": 10,
        "instructors_approve_logs": False,
        "closed_days": [],
    }
    assert config["database"]["url"] == "sqlite:///db.sqlite3"
    assert len(config["security"]["secret_key"]) >= 50
    tables = {
        row[0]
        for row in sqlite3.connect(folder / "db.sqlite3").execute(
            "SELECT name FROM sqlite_master WHERE type='table'"
        )
    }
    assert {"people_trainee", "sequences_sequence", "auth_user"} <= tables
    assert (folder / "files").is_dir() and (folder / "logs").is_dir()


def test_each_site_gets_its_own_secret_key(sites):
    keys = {
        tomllib.loads((sites / name / "site_config.toml").read_text())["security"]["secret_key"]
        for name in ("default", "praha")
    }
    assert len(keys) == 2


def test_the_site_comes_from_the_option_then_the_environment_then_default(sites):
    by_option = print_setting(sites, "settings.CURRENCY", "--site", "praha", site_env="default")
    by_environment = print_setting(sites, "settings.CURRENCY", site_env="praha")
    by_default = print_setting(sites, "settings.CURRENCY")
    assert (by_option.stdout.strip(), by_environment.stdout.strip(), by_default.stdout.strip()) == (
        "CZK",
        "CZK",
        "PLN",
    )


def test_a_missing_site_is_one_line_naming_it(sites):
    result = reintegra(sites, "--site", "nowhere", "migrate")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "Site 'nowhere' does not exist" in result.stderr


def test_new_site_refuses_an_existing_name_and_leaves_it_untouched(sites):
    before = (sites / "default" / "site_config.toml").read_text()
    result = reintegra(sites, "new-site", "default")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"reintegra: error: Site 'default' already exists in {sites / 'default'}."
    )
    assert (sites / "default" / "site_config.toml").read_text() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--db-url", "mariadb://coop@db.example:notaport/coop"], "port is not a number"),
        (["--db-url", "oracle://x@y/z"], "Unsupported database URL scheme"),
        (["--time-zone", "Mars/Olympus"], "Unknown time zone"),
        (["--country", "XX"], "Unsupported country"),
    ],
)
def test_new_site_refuses_bad_input_in_one_line_and_creates_nothing(tmp_path, args, message):
    result = reintegra(tmp_path, "new-site", "coop", *args)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert message in result.stderr
    assert not (tmp_path / "coop").exists()


def test_new_site_refuses_a_bad_site_name(tmp_path):
    result = reintegra(tmp_path, "new-site", "../escape")
    assert result.returncode == 1
    assert "Invalid site name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_site_reports_an_unreachable_mariadb_and_leaves_nothing(tmp_path):
    result = reintegra(
        tmp_path, "new-site", "coop", "--db-url", "mariadb://coop:pw@127.0.0.1:9/coop"
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "Cannot reach MariaDB at 127.0.0.1:9" in result.stderr
    assert "pw@" not in result.stderr
    assert not (tmp_path / "coop").exists()


@pytest.mark.mariadb_only
def test_new_site_on_mariadb_creates_and_migrates_the_database(tmp_path, mariadb_server_url):
    import MySQLdb

    server = parse_database_url(mariadb_server_url)
    name = f"reintegra_site_{uuid.uuid4().hex[:8]}"
    url = f"mariadb://{server.user}:{server.password}@{server.host}:{server.port}/{name}"
    connection = MySQLdb.connect(
        host=server.host, port=server.port, user=server.user, password=server.password
    )
    try:
        result = reintegra(tmp_path, "new-site", "coop", "--db-url", url)
        assert result.returncode == 0, result.stderr
        assert f"MariaDB database '{name}'" in result.stdout
        cursor = connection.cursor()
        cursor.execute(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = %s "
            "AND table_name IN ('people_trainee', 'sequences_sequence')",
            (name,),
        )
        assert cursor.fetchone()[0] == 2
        selected = print_setting(
            tmp_path, "settings.DATABASES['default']['NAME']", "--site", "coop"
        )
        assert selected.stdout.strip() == name
    finally:
        connection.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
        connection.close()


def test_a_sites_closed_days_are_read_and_a_wrong_one_is_refused_in_one_line(tmp_path):
    from reintegra_coop.bench.errors import BenchError
    from reintegra_coop.bench.site_config import _days

    site = {"closed_days": ["2026-12-31", "2027-01-02"]}
    assert _days(site, "closed_days", tmp_path) == (
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 2),
    )
    for wrong in (["31.12.2026"], "2026-12-31"):
        with pytest.raises(BenchError, match=r"closed_days must be a list of days"):
            _days({"closed_days": wrong}, "closed_days", tmp_path)


def test_a_site_with_a_mail_server_emails_notices_and_one_without_does_not(sites):
    folder = sites / "mailing"
    folder.mkdir()
    config = (sites / "default" / "site_config.toml").read_text()
    email = (
        '\n[email]\nhost = "smtp.example.org"\nport = 465\nuse_tls = false\n'
        'from_address = "coop@example.org"\nsite_url = "https://coop.example.org"\n'
    )
    (folder / "site_config.toml").write_text(config + email)
    expression = (
        "settings.NOTIFY_BY_EMAIL, settings.EMAIL_HOST, settings.EMAIL_PORT, "
        "settings.EMAIL_USE_TLS, settings.DEFAULT_FROM_EMAIL, settings.SITE_URL"
    )
    with_mail = print_setting(sites, expression, "--site", "mailing")
    without = print_setting(sites, "settings.NOTIFY_BY_EMAIL")
    assert with_mail.stdout.strip() == (
        "True smtp.example.org 465 False coop@example.org https://coop.example.org"
    )
    assert without.stdout.strip() == "False"


def test_a_wrong_mail_port_is_one_line_naming_it(sites):
    folder = sites / "badmail"
    folder.mkdir()
    config = (sites / "default" / "site_config.toml").read_text()
    (folder / "site_config.toml").write_text(config + '\n[email]\nhost = "smtp"\nport = "x"\n')
    result = reintegra(sites, "--site", "badmail", "check")
    assert result.returncode == 1
    assert "[email] port must be a whole number from 1 to 65535" in result.stderr


def test_start_prod_refuses_a_sqlite_site_unless_told_in_one_line(sites):
    result = reintegra(sites, "--site", "default", "start", "--prod", "--port", "8765")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "reintegra: error: This site's database is SQLite; production runs on MariaDB (README, "
        "'A site on MariaDB'). To serve a small site from SQLite anyway, add --allow-sqlite."
    ]


def test_a_sqlite_site_writes_ahead_and_takes_its_write_lock_at_the_start(sites):
    database = sites / "default" / "db.sqlite3"
    assert sqlite3.connect(database).execute("PRAGMA journal_mode").fetchone() == ("wal",)
    options = print_setting(sites, "settings.DATABASES['default']['OPTIONS']['transaction_mode']")
    assert options.stdout.strip() == "IMMEDIATE"


def test_a_site_behind_an_https_proxy_passes_djangos_deploy_check(sites):
    folder = sites / "secure"
    folder.mkdir()
    config = (sites / "default" / "site_config.toml").read_text()
    config = config.replace("behind_https_proxy = false", "behind_https_proxy = true")
    config = config.replace(
        'allowed_hosts = ["127.0.0.1", "localhost"]', 'allowed_hosts = ["coop.example.org"]'
    )
    (folder / "site_config.toml").write_text(config)
    result = reintegra(sites, "--site", "secure", "check", "--deploy", "--fail-level", "WARNING")
    # A production site that cannot issue invoices yet is warned about (orders/seller.py) …
    assert result.returncode == 1 and "reintegra.W001" in result.stderr
    assert "bank_account, tax_id" in result.stderr
    # … and passes once its [cooperative] is complete.
    config = config.replace('tax_id = ""', 'tax_id = "123-456-32-18"').replace(
        'bank_account = ""', 'bank_account = "PL61 1090 1014 0000 0712 1981 2874"'
    )
    (folder / "site_config.toml").write_text(config)
    result = reintegra(sites, "--site", "secure", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    names = ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"]
    expression = ", ".join(f"settings.{name}" for name in names)
    hsts = print_setting(sites, expression, "--site", "secure")
    assert hsts.stdout.strip() == "True 31536000 True"


def test_the_production_server_logs_to_standard_error_only(sites):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env.update(REINTEGRA_SITES_DIR=str(sites), REINTEGRA_LOG="stderr")
    code = "from django.conf import settings; print(settings.LOGGING['root']['handlers'])"
    command = [*REINTEGRA, "--site", "default", "shell", "--no-imports", "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=HANG)
    assert result.stdout.strip() == "['console']"
    assert print_setting(sites, "settings.LOGGING['root']['handlers']").stdout.strip() == (
        "['console', 'site_file']"
    )


def test_sites_lists_every_site_of_the_bench_and_says_which_cannot_be_read(sites):
    broken = sites / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "site_config.toml").write_text("this is = = not TOML")
    result = reintegra(sites, "sites")
    assert result.returncode == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert lines["default"].split()[1:4] == ["sqlite", "pl", "PL"]
    assert lines["praha"].split()[1:4] == ["sqlite", "cs", "CZ"]
    assert "cannot be read" in lines["broken"]
