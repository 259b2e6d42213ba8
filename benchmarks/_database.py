"""Shared by the benchmarks: run a script's measurements on SQLite and on MariaDB.

Each backend runs in its own process (Django reads the database from the settings once). MariaDB
comes from $REINTEGRA_TEST_MARIADB_URL, or a throwaway server like the test suite's.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator


def run_on_both(main: Callable[[str], None]) -> None:
    """Called as `script.py`: run itself for each backend; as `script.py BACKEND`: measure."""
    if len(sys.argv) > 1:
        with test_database(sys.argv[1]):
            main(sys.argv[1])
        return
    for backend in ("sqlite", "mariadb"):
        with database_url(backend) as url:
            env = {
                **os.environ,
                "REINTEGRA_TEST_DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
            }
            subprocess.run([sys.executable, sys.argv[0], backend], env=env, check=True)


@contextlib.contextmanager
def database_url(backend: str) -> Iterator[str]:
    if backend == "sqlite":
        yield "sqlite:///:memory:"
        return
    if os.environ.get("REINTEGRA_TEST_MARIADB_URL"):
        yield os.environ["REINTEGRA_TEST_MARIADB_URL"]
        return
    from reintegra_coop.bench.pytest_plugin import start_throwaway_mariadb, stop_throwaway_mariadb

    url = start_throwaway_mariadb()
    try:
        yield url
    finally:
        stop_throwaway_mariadb()


@contextlib.contextmanager
def test_database(backend: str) -> Iterator[None]:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
