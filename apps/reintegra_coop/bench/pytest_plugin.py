"""pytest plugin: run the suite on SQLite or on MariaDB (``--db-backend=sqlite|mariadb``).

MariaDB comes from $REINTEGRA_TEST_MARIADB_URL when it is set (a user allowed to create the
``test_…`` databases); otherwise a throwaway server is started from the installed ``mariadbd``
in a temporary data directory and stopped afterwards. With no MariaDB binaries the run fails
and says what to install: MariaDB is never skipped in silence.

Loaded with ``-p`` (pyproject.toml) so it can choose the database before pytest-django reads the
settings.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

MARIADB_ONLY = "mariadb_only"
_server: subprocess.Popen[bytes] | None = None
_data_folder: str | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-backend",
        choices=["sqlite", "mariadb"],
        default=os.environ.get("REINTEGRA_TEST_DB", "sqlite"),
        help="database to run the suite on (default sqlite; make test runs both)",
    )


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: Any, args: Any) -> Any:
    backend = early_config.known_args_namespace.db_backend
    if backend == "mariadb":
        url = os.environ.get("REINTEGRA_TEST_MARIADB_URL") or start_throwaway_mariadb()
        os.environ["REINTEGRA_TEST_DATABASE_URL"] = url
    else:
        os.environ["REINTEGRA_TEST_DATABASE_URL"] = "sqlite:///:memory:"
    return (yield)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{MARIADB_ONLY}: needs a MariaDB server; runs in the --db-backend=mariadb pass"
    )


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ.get("REINTEGRA_TEST_DATABASE_URL", "")
    where = "SQLite in memory" if url.startswith("sqlite") else url.split("@")[-1]
    return f"database backend: {config.getoption('db_backend')} ({where})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("db_backend") == "mariadb":
        return
    kept = [item for item in items if item.get_closest_marker(MARIADB_ONLY) is None]
    deselected = [item for item in items if item.get_closest_marker(MARIADB_ONLY) is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_unconfigure(config: pytest.Config) -> None:
    stop_throwaway_mariadb()


def start_throwaway_mariadb() -> str:
    global _server, _data_folder
    mariadbd = shutil.which("mariadbd") or shutil.which("mariadbd", path="/usr/sbin:/usr/libexec")
    install_db = shutil.which("mariadb-install-db")
    if not mariadbd or not install_db:
        raise pytest.UsageError(
            "MariaDB tests need a server: set REINTEGRA_TEST_MARIADB_URL="
            "mariadb://user:password@host:port/name, or install the binaries "
            "(Debian: sudo apt-get install mariadb-server)."
        )
    _data_folder = tempfile.mkdtemp(prefix="reintegra-mariadb-")
    data = Path(_data_folder) / "data"
    socket_path = Path(_data_folder) / "mariadb.sock"
    as_root = ["--user=root"] if os.geteuid() == 0 else []
    subprocess.run(
        [
            install_db,
            "--no-defaults",
            f"--datadir={data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            *as_root,
        ],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    _server = subprocess.Popen(
        [
            mariadbd,
            "--no-defaults",
            f"--datadir={data}",
            f"--socket={socket_path}",
            f"--port={port}",
            "--bind-address=127.0.0.1",
            f"--pid-file={_data_folder}/mariadb.pid",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--innodb-buffer-pool-size=256M",
            "--innodb-flush-log-at-trx-commit=0",
            "--innodb-doublewrite=0",
            "--skip-name-resolve",
            *as_root,
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(Path(_data_folder) / "error.log", "wb"),  # noqa: SIM115
    )
    _wait_until_ready(port)
    return f"mariadb://root@127.0.0.1:{port}/reintegra"


def _wait_until_ready(port: int, timeout: float = 60) -> None:
    import MySQLdb

    deadline = time.monotonic() + timeout
    while True:
        try:
            MySQLdb.connect(host="127.0.0.1", port=port, user="root", connect_timeout=2).close()
            return
        except MySQLdb.OperationalError:
            if (_server is not None and _server.poll() is not None) or time.monotonic() > deadline:
                log = (Path(_data_folder or "") / "error.log").read_text(errors="replace")[-2000:]
                stop_throwaway_mariadb()
                raise pytest.UsageError(f"The throwaway MariaDB did not start:\n{log}") from None
            time.sleep(0.2)


def stop_throwaway_mariadb() -> None:
    global _server, _data_folder
    if _server is not None:
        _server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            _server.wait(timeout=30)
        if _server.poll() is None:
            _server.kill()
        _server = None
    if _data_folder is not None:
        shutil.rmtree(_data_folder, ignore_errors=True)
        _data_folder = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def mariadb_server_url() -> Generator[str, None, None]:
    """The URL of the MariaDB this pass runs on (only in the MariaDB pass)."""
    url = os.environ.get("REINTEGRA_TEST_DATABASE_URL", "")
    if not url.startswith(("mariadb", "mysql")):
        raise pytest.UsageError("mariadb_server_url is only for tests marked mariadb_only")
    yield url
