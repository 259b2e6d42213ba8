"""The scale-out layout, brought up on this machine's loopback addresses and taken down again:

    nginx ─┬─ node 1: gunicorn (reintegra start --prod)  ─┬─ MariaDB primary ──▶ read replica
           └─ node 2: gunicorn (reintegra start --prod)  ─┤      (report pages read from it)
              [the job worker: a third process, see WORKER] └─ Redis (cache and sessions)

Every server is a throwaway one in a temporary folder, on a free port, started from the
installed binaries (mariadbd, redis-server, nginx) as the current user; the site is new, on
MariaDB, migrated and loaded with the demo cooperative. `benchmarks/scale_out.py` puts 200
simulated users through it; tests/bench/test_scale_out.py a handful.

    with ScaleOut(folder) as layout:
        print(layout.url)  # nginx
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import BenchError
from .site_config import bench_root

SITE = "coop"
DATABASE = "reintegra"
NGINX_TEMPLATE = "config/deploy/nginx-scale-out.conf.j2"
LOCUST_FILE = "benchmarks/_scale_out_users.py"
# Where the job worker (`reintegra --site S worker`, being built on its own branch) joins the
# layout: a third process beside the two nodes, on the same site and Redis: ["worker"] once the
# command exists. None until then.
WORKER: list[str] | None = None
INSTALL = {
    "mariadbd": "mariadb-server",
    "mariadb-install-db": "mariadb-server",
    "redis-server": "redis-server",
    "nginx": "nginx",
}


def find(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/libexec:/sbin")


def program(name: str) -> str:
    """The path of an installed server binary, or a BenchError saying what to install."""
    found = find(name)
    if not found:
        raise BenchError(needs([INSTALL[name]]))
    return found


def needs(packages: list[str]) -> str:
    listed = " ".join(packages)
    return (
        f"The scale-out layout needs {listed}: install with `sudo apt-get install {listed}` "
        "(Debian), or run .ci/ensure-debian-packages test as root."
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ScaleOut:
    def __init__(self, folder: Path, nodes: int = 2, workers_per_node: int = 2) -> None:
        self.folder = folder
        self.node_count = nodes
        self.workers_per_node = workers_per_node
        self.processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.primary_port = free_port()
        self.replica_port = free_port()
        self.redis_port = free_port()
        self.node_ports = [free_port() for _ in range(nodes)]
        self.nginx_port = free_port()
        self.url = f"http://127.0.0.1:{self.nginx_port}"
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.sites = folder / "sites"

    def __enter__(self) -> ScaleOut:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        missing = sorted({package for name, package in INSTALL.items() if find(name) is None})
        if missing:  # every missing package named at once, before anything starts
            raise BenchError(needs(missing))
        self.start_mariadb("primary", self.primary_port, "--log-bin=primary-bin", "--server-id=1")
        self.start_mariadb("replica", self.replica_port, "--server-id=2", "--read-only=1")
        self.follow_primary()
        self.start_redis()
        self.make_site()
        self.wait_for_replica()
        for number, port in enumerate(self.node_ports, start=1):
            self.start_node(number, port)
        if WORKER is not None:
            self.spawn("worker", [*self.reintegra(), "--site", SITE, *WORKER])
        self.start_nginx()

    def stop(self) -> None:
        """Stop every process, the last started first (nginx before the nodes before the
        databases); each gets 20 s to finish what it has in hand."""
        while self.processes:
            _name, process = self.processes.pop()
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    # The pieces, in the order they start.

    def start_mariadb(self, name: str, port: int, *options: str) -> None:
        data = self.folder / name
        as_root = ["--user=root"] if os.geteuid() == 0 else []
        subprocess.run(
            [
                program("mariadb-install-db"),
                "--no-defaults",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                *as_root,
            ],
            check=True,
            capture_output=True,
        )
        self.spawn(
            f"mariadb {name}",
            [
                program("mariadbd"),
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={self.folder / name}.sock",
                f"--port={port}",
                "--bind-address=127.0.0.1",
                f"--pid-file={self.folder / name}.pid",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=128M",
                "--innodb-flush-log-at-trx-commit=2",
                "--innodb-doublewrite=0",
                "--skip-name-resolve",
                "--max-connections=500",
                "--binlog-format=ROW",
                *options,
                *as_root,
            ],
        )
        self.wait(f"mariadb {name}", lambda: mariadb_connection(port).close())

    def follow_primary(self) -> None:
        """The replica copies everything the primary writes from its first binary log on: the
        site's database is created after this, so the replica starts out complete."""
        connection = mariadb_connection(self.replica_port)
        try:
            cursor = connection.cursor()
            cursor.execute(
                "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%s, MASTER_USER='root', "
                "MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos",
                (self.primary_port,),
            )
            cursor.execute("START SLAVE")
        finally:
            connection.close()

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            [
                program("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
        )
        import redis

        self.wait("redis", lambda: redis.Redis.from_url(self.redis_url).ping())

    def make_site(self) -> None:
        primary = f"mariadb://root@127.0.0.1:{self.primary_port}/{DATABASE}"
        replica = f"mariadb://root@127.0.0.1:{self.replica_port}/{DATABASE}"
        self.run("new-site", SITE, "--db-url", primary, "--language", "en", "--country", "PL")
        config = self.sites / SITE / "site_config.toml"
        text = config.read_text(encoding="utf-8")
        text = text.replace("trusted_proxies = []", 'trusted_proxies = ["127.0.0.1"]')
        text = text.replace(f'url = "{primary}"', f'url = "{primary}"\nreports_url = "{replica}"')
        text += f'\n[cache]\nredis_url = "{self.redis_url}"\n'
        config.write_text(text, encoding="utf-8")
        self.run("--site", SITE, "load-demo", "--quiet-logins")

    def wait_for_replica(self, timeout: float = 120) -> None:
        primary = mariadb_connection(self.primary_port)
        replica = mariadb_connection(self.replica_port)
        try:
            position = single_value(primary, "SELECT @@gtid_binlog_pos")
            deadline = time.monotonic() + timeout
            while single_value(replica, "SELECT @@gtid_slave_pos") != position:
                if time.monotonic() > deadline:
                    status = single_value(replica, "SHOW SLAVE STATUS")
                    raise BenchError(f"The replica did not catch up with the primary: {status}")
                time.sleep(0.2)
        finally:
            primary.close()
            replica.close()

    def start_node(self, number: int, port: int) -> None:
        self.spawn(
            f"node {number}",
            [
                *self.reintegra(),
                "--site",
                SITE,
                "start",
                "--prod",
                "--port",
                str(port),
                "--workers",
                str(self.workers_per_node),
            ],
        )
        # One node at a time: `start --prod` collects the static files before it serves.
        self.wait(f"node {number}", lambda: _get(f"http://127.0.0.1:{port}/login/"))

    def start_nginx(self) -> None:
        from jinja2 import Environment, StrictUndefined

        prefix = self.folder / "nginx"
        prefix.mkdir()
        template = (bench_root() / NGINX_TEMPLATE).read_text(encoding="utf-8")
        rendered = (
            Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)  # noqa: S701 - an nginx config, not HTML
            .from_string(template)
            .render(
                # As root (CI) nginx's workers would drop to nobody, who cannot read the private
                # temporary folder: they stay the current user, as everything else here does.
                user="root" if os.geteuid() == 0 else "",
                prefix=prefix,
                listen=f"127.0.0.1:{self.nginx_port}",
                nodes=[f"127.0.0.1:{port}" for port in self.node_ports],
                static_root=bench_root() / "static_root",
            )
        )
        (prefix / "nginx.conf").write_text(rendered, encoding="utf-8")
        command = [program("nginx"), "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise BenchError(f"nginx refused the rendered config:\n{checked.stderr}")
        self.spawn("nginx", [*command, "-g", "daemon off;"])
        self.wait("nginx", lambda: _get(f"{self.url}/login/"))

    # Plumbing.

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
        env["REINTEGRA_SITES_DIR"] = str(self.sites)
        return env

    def reintegra(self) -> list[str]:
        return [sys.executable, "-m", "reintegra_coop.bench.cli"]

    def run(self, *args: str) -> None:
        result = subprocess.run(
            [*self.reintegra(), *args],
            capture_output=True,
            text=True,
            env=self.environment(),
            cwd=bench_root(),
        )
        if result.returncode != 0:
            raise BenchError(f"reintegra {' '.join(args)} failed:\n{result.stderr[-3000:]}")

    def spawn(self, name: str, command: list[str]) -> None:
        log: IO[bytes] = (self.folder / f"{name.replace(' ', '-')}.log").open("wb")
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.environment(),
            cwd=bench_root(),
        )
        log.close()  # the child keeps its own copy
        self.processes.append((name, process))

    def log(self, name: str) -> str:
        path = self.folder / f"{name.replace(' ', '-')}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def wait(self, name: str, ready: Callable[[], object], timeout: float = 120) -> None:
        process = dict(self.processes)[name]
        deadline = time.monotonic() + timeout
        while True:
            try:
                ready()
                return
            except Exception:  # not up yet, whatever the client says
                if process.poll() is not None or time.monotonic() > deadline:
                    raise BenchError(f"{name} did not start:\n{self.log(name)[-3000:]}") from None
                time.sleep(0.2)


def mariadb_connection(port: int) -> Any:
    """A connection as root to one of the layout's MariaDB servers."""
    import MySQLdb

    return MySQLdb.connect(host="127.0.0.1", port=port, user="root", connect_timeout=2)


def single_value(connection: Any, query: str) -> object:
    cursor = connection.cursor()
    cursor.execute(query)
    row = cursor.fetchone()
    return row[0] if row else None


def _get(url: str) -> None:
    with contextlib.closing(urllib.request.urlopen(url, timeout=5)) as response:  # noqa: S310 - loopback
        response.read()


@dataclass(frozen=True)
class Figures:
    """One kind of request under load (or the total): how many, how many failed, and the
    median and 95th-percentile response times in milliseconds."""

    name: str
    requests: int
    failures: int
    p50: float
    p95: float


def put_load(url: str, folder: Path, users: int, spawn_rate: int, seconds: int) -> list[Figures]:
    """Run locust headless against the layout (LOCUST_FILE's people); the last row is the
    total. Failures are written to <folder>/load_failures.csv."""
    locust = shutil.which("locust", path=os.path.dirname(sys.executable))
    if not locust:
        raise BenchError("The load needs locust: install the dev extra (make install).")
    subprocess.run(
        [
            locust,
            "--locustfile",
            str(bench_root() / LOCUST_FILE),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(spawn_rate),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            url,
            "--csv",
            str(folder / "load"),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        check=False,  # locust exits 1 when a request failed; the figures say which
        capture_output=True,
        cwd=bench_root(),
    )
    with (folder / "load_stats.csv").open(newline="") as stats:
        return [
            Figures(
                name=row["Name"] if row["Type"] else "all requests",
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50=float(row["50%"]),
                p95=float(row["95%"]),
            )
            for row in csv.DictReader(stats)
        ]
