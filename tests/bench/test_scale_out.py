"""The scale-out layout on loopback (bench/scale_out.py): nginx in front of two gunicorn nodes,
MariaDB with a read replica, Redis for cache and sessions, and a handful of simulated people.

Runs in the MariaDB pass (the layout starts its own MariaDB servers, so once is enough). A
missing nginx, redis-server or mariadbd fails the test saying what to install: never a skip.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from reintegra_coop.bench.scale_out import SITE, ScaleOut, put_load

pytestmark = pytest.mark.mariadb_only
SELECTS_SO_FAR = (
    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_SELECT'"
)


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaleOut]:
    with ScaleOut(tmp_path_factory.mktemp("scale-out"), workers_per_node=1) as running:
        yield running


def node_url(layout: ScaleOut, number: int) -> str:
    return f"http://127.0.0.1:{layout.node_ports[number - 1]}"


def logged_in(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    landed = opener.open(f"{base}/login/", urllib.parse.urlencode(form).encode())
    assert not landed.url.endswith("/login/"), "the demo login was refused"
    return opener


def test_requests_through_nginx_are_answered_by_both_nodes(layout):
    answered_by = {
        urllib.request.urlopen(f"{layout.url}/login/").headers["X-Reintegra-Node"]  # noqa: S310
        for _ in range(12)
    }
    assert answered_by == {f"127.0.0.1:{port}" for port in layout.node_ports}


def test_static_files_are_served_by_nginx_without_asking_a_node(layout):
    response = urllib.request.urlopen(f"{layout.url}/static/core/reintegra.css")  # noqa: S310
    assert response.status == 200
    assert response.headers["X-Reintegra-Node"] is None
    assert response.headers["Server"].startswith("nginx")


def test_a_login_made_on_node_1_is_valid_on_node_2_and_kept_in_redis(layout):
    import redis

    trainee = logged_in(node_url(layout, 1), "trainee01", "2468")
    hours = trainee.open(f"{node_url(layout, 2)}/portal/hours/")
    assert hours.url == f"{node_url(layout, 2)}/portal/hours/"
    assert b"My hours" in hours.read()
    sessions = redis.Redis.from_url(layout.redis_url).keys(f"{SITE}:1:*sessions*")
    assert len(sessions) == 1


def test_the_invoices_export_reads_from_the_replica(layout):
    from reintegra_coop.bench.scale_out import mariadb_connection, single_value

    replica = mariadb_connection(layout.replica_port)
    try:

        def selects() -> int:
            return int(str(single_value(replica, SELECTS_SO_FAR)))

        before = selects()
        manager = logged_in(node_url(layout, 2), "manager", "reintegra-demo")
        export = (
            manager.open(f"{node_url(layout, 2)}/orders/invoices.csv").read().decode("utf-8-sig")
        )
        after = selects()
    finally:
        replica.close()
    assert export.splitlines()[0].startswith("number")
    # Our own two look-ups count too; the export's queries are the rest.
    assert after - before > 2


def test_a_handful_of_trainees_instructors_and_managers_get_answers_and_no_errors(
    layout, tmp_path: Path
):
    figures = put_load(layout.url, tmp_path, users=6, spawn_rate=6, seconds=12)
    kinds = {row.name.split(":")[0] for row in figures}
    total = figures[-1]
    assert total.name == "all requests"
    assert total.requests >= 6 * 3  # each logs in (page, form) and opens at least one page
    assert total.failures == 0, (tmp_path / "load_failures.csv").read_text()
    assert {"login", "portal", "crew sheet", "orders"} <= kinds
