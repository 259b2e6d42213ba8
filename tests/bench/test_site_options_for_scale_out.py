"""A site's cache and sessions: in the process and the database by default, in Redis when the
site's config names one ([cache] redis_url), so that every node behind nginx shares them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reintegra_coop.bench.errors import BenchError
from reintegra_coop.bench.site_config import load_site, write_site_folder

REINTEGRA = [sys.executable, "-m", "reintegra_coop.bench.cli"]


@pytest.fixture
def sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REINTEGRA_SITES_DIR", str(tmp_path))
    return tmp_path


def with_cache_section(sites: Path, name: str, section: str) -> None:
    write_site_folder(name)
    config = sites / name / "site_config.toml"
    config.write_text(config.read_text() + f"\n[cache]\n{section}\n")


def settings_of(sites: Path, name: str, expression: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env["REINTEGRA_SITES_DIR"] = str(sites)
    code = f"from django.conf import settings; print({expression})"
    result = subprocess.run(
        [*REINTEGRA, "--site", name, "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_site_without_a_cache_section_keeps_the_cache_in_the_process_and_sessions_in_the_database(
    sites,
):
    write_site_folder("plain")
    assert load_site("plain").cache.redis_url == ""
    printed = settings_of(
        sites, "plain", "settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE"
    )
    assert printed == (
        "django.core.cache.backends.locmem.LocMemCache django.contrib.sessions.backends.db"
    )


def test_a_site_with_a_redis_url_shares_cache_and_sessions_in_redis_under_its_own_prefix(sites):
    with_cache_section(sites, "warszawa", 'redis_url = "redis://127.0.0.1:6390/2"')
    expression = (
        "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], "
        "settings.CACHES['default']['KEY_PREFIX'], settings.SESSION_ENGINE"
    )
    assert settings_of(sites, "warszawa", expression) == (
        "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6390/2 warszawa "
        "django.contrib.sessions.backends.cached_db"
    )


@pytest.mark.parametrize("wrong", ['"http://127.0.0.1:6379/0"', '"redis//x"', "6379"])
def test_a_wrong_redis_url_is_one_line_naming_it(sites, wrong):
    with_cache_section(sites, "wrong", f"redis_url = {wrong}")
    with pytest.raises(BenchError, match=r"\[cache\] redis_url must be a Redis address"):
        load_site("wrong")


def test_a_mariadb_site_may_name_a_read_replica_for_its_reports(sites):
    write_site_folder("replicated", database_url="mariadb://coop:secret@10.0.0.1:3306/coop")
    config = sites / "replicated" / "site_config.toml"
    text = config.read_text().replace(
        'url = "mariadb://coop:secret@10.0.0.1:3306/coop"',
        'url = "mariadb://coop:secret@10.0.0.1:3306/coop"\n'
        'reports_url = "mariadb://reader:secret@10.0.0.2:3306/coop"',
    )
    config.write_text(text)
    expression = (
        "settings.DATABASES['reports']['HOST'], settings.DATABASES['reports']['USER'], "
        "settings.DATABASE_ROUTERS"
    )
    assert settings_of(sites, "replicated", expression) == (
        "10.0.0.2 reader ['reintegra_coop.core.replica.ReportsRouter']"
    )


def test_a_sqlite_site_has_no_replica_and_says_so_in_one_line(sites):
    write_site_folder("small")
    config = sites / "small" / "site_config.toml"
    text = config.read_text().replace(
        'url = "sqlite:///db.sqlite3"',
        'url = "sqlite:///db.sqlite3"\nreports_url = "mariadb://reader@10.0.0.2/coop"',
    )
    config.write_text(text)
    with pytest.raises(BenchError, match=r"reports_url names a read replica of the MariaDB"):
        load_site("small")


def test_the_layout_names_every_missing_server_package_before_starting_anything(
    tmp_path, monkeypatch
):
    from reintegra_coop.bench import scale_out

    monkeypatch.setitem(scale_out.INSTALL, "nginx-not-installed-here", "nginx")
    monkeypatch.setitem(scale_out.INSTALL, "redis-not-installed-here", "redis-server")
    layout = scale_out.ScaleOut(tmp_path)
    with pytest.raises(BenchError) as refused:
        layout.start()
    assert str(refused.value).startswith(
        "The scale-out layout needs nginx redis-server: install with "
        "`sudo apt-get install nginx redis-server` (Debian)"
    )
    assert layout.processes == []
    assert list(tmp_path.iterdir()) == []
