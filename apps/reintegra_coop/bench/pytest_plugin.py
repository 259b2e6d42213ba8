"""pytest plugin: run the suite on SQLite or on MariaDB (``--db-backend=sqlite|mariadb``).

MariaDB comes from $REINTEGRA_TEST_MARIADB_URL when it is set (a user allowed to create the
``test_…`` databases); otherwise a throwaway server is started from the installed ``mariadbd``
in a temporary data directory and stopped afterwards. With no MariaDB binaries the run fails
and says what to install: MariaDB is never skipped in silence.

``--clock 2027-12-31T23:30`` starts the whole suite at that moment (in the test settings' time
zone, Europe/Warsaw, unless the value names its own offset) with the clock ticking from there, to
prove that no test depends on the day it happens to run. A test whose outcome depends on the date
says which moment it lives at with ``@pytest.mark.clock("2026-11-23T10:00")`` (on the test, or
``pytestmark`` for a module): the clock is moved there (time-machine) for the test and its
fixtures, ticking unless ``tick=False``.

Loaded with ``-p`` (pyproject.toml) so it can choose the database before pytest-django reads the
settings.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

MARIADB_ONLY = "mariadb_only"
# The time zone of config/settings/test.py: a --clock without an offset is read in it.
TEST_TIME_ZONE = ZoneInfo("Europe/Warsaw")
_server: subprocess.Popen[bytes] | None = None
_data_folder: str | None = None
_clock: Any = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db-backend",
        choices=["sqlite", "mariadb"],
        default=os.environ.get("REINTEGRA_TEST_DB", "sqlite"),
        help="database to run the suite on (default sqlite; make test runs both)",
    )
    parser.addoption(
        "--clock",
        type=parse_clock,
        default=os.environ.get("REINTEGRA_TEST_CLOCK") or None,
        metavar="YYYY-MM-DDTHH:MM",
        help="start the whole suite at this moment, ticking from there (Europe/Warsaw "
        "unless an offset is given); default: the real time",
    )


def parse_clock(value: str | datetime.datetime) -> datetime.datetime:
    """The moment --clock names, as an aware datetime (naive values are Warsaw time)."""
    if isinstance(value, datetime.datetime):
        return value
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(
            f"--clock {value!r}: give a date and time such as 2027-12-31T23:30"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TEST_TIME_ZONE)
    return moment


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: Any, args: Any) -> Any:
    backend = early_config.known_args_namespace.db_backend
    shared = os.environ.get("REINTEGRA_TEST_DATABASE_URL", "")
    if backend == "mariadb" and os.environ.get("PYTEST_XDIST_WORKER") and shared:
        # A worker of pytest-xdist (-n): the controller started the server; each worker gets
        # its own test database on it (test_reintegra_gw0, …).
        pass
    elif backend == "mariadb":
        url = os.environ.get("REINTEGRA_TEST_MARIADB_URL") or start_throwaway_mariadb()
        os.environ["REINTEGRA_TEST_DATABASE_URL"] = url
    else:
        os.environ["REINTEGRA_TEST_DATABASE_URL"] = "sqlite:///:memory:"
    return (yield)


def pytest_configure(config: pytest.Config) -> None:
    global _clock
    config.addinivalue_line(
        "markers", f"{MARIADB_ONLY}: needs a MariaDB server; runs in the --db-backend=mariadb pass"
    )
    config.addinivalue_line(
        "markers",
        "clock(moment, tick=True): run the test with the clock moved to this moment "
        "(ISO date and time, Europe/Warsaw unless it names an offset)",
    )
    moment = config.getoption("clock")
    if moment is not None and _clock is None:
        import time_machine

        # A ZoneInfo destination also sets the process's TZ, as Django does for TIME_ZONE.
        _clock = time_machine.travel(moment.astimezone(TEST_TIME_ZONE), tick=True)
        _clock.start()


def pytest_report_header(config: pytest.Config) -> list[str]:
    url = os.environ.get("REINTEGRA_TEST_DATABASE_URL", "")
    where = "SQLite in memory" if url.startswith("sqlite") else url.split("@")[-1]
    moment = config.getoption("clock")
    clock = f"started at {moment.isoformat()}" if moment is not None else "the real time"
    return [f"database backend: {config.getoption('db_backend')} ({where})", f"clock: {clock}"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("db_backend") == "mariadb":
        return
    kept = [item for item in items if item.get_closest_marker(MARIADB_ONLY) is None]
    deselected = [item for item in items if item.get_closest_marker(MARIADB_ONLY) is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_unconfigure(config: pytest.Config) -> None:
    global _clock
    if _clock is not None:
        _clock.stop()
        _clock = None
    stop_throwaway_mariadb()


@pytest.fixture(autouse=True)
def _clock_of_the_test(request: pytest.FixtureRequest) -> Generator[None, None, None]:
    """Move the clock to the moment of the test's ``clock`` marker (before its other fixtures:
    autouse fixtures of a plugin come first)."""
    marker = request.node.get_closest_marker("clock")
    if marker is None:
        yield
        return
    import time_machine

    moment = parse_clock(marker.args[0]).astimezone(TEST_TIME_ZONE)
    with time_machine.travel(moment, tick=marker.kwargs.get("tick", True)):
        yield


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
