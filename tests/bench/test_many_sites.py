"""Many cooperatives on one deployment: one process serves every site, picked by host name.

A bench with two SQLite sites, "garden" (Polish, złoty, garden.test) and "praha" (Czech,
koruna, praha.test), each made and filled by the single-site commands; then one process in
`--all-sites` mode answers both, through Django's test client and through gunicorn.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

REINTEGRA = [sys.executable, "-m", "reintegra_coop.bench.cli"]
# A guard against a hung command (as in test_sites.py), not a speed target.
HANG = 600
PASSWORD = "Long-enough-password-42"  # a test login
HOSTS = {"garden": "garden.test", "praha": "praha.test"}


def reintegra(bench: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The `reintegra` command as an operator runs it, on this bench's sites folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env["REINTEGRA_SITES_DIR"] = str(bench)
    return subprocess.run(
        [*REINTEGRA, *args], capture_output=True, text=True, env=env, timeout=HANG
    )


def make_site(bench: Path, name: str, *options: str) -> None:
    result = reintegra(bench, "new-site", name, *options)
    assert result.returncode == 0, result.stderr
    config = bench / name / "site_config.toml"
    text = config.read_text().replace(
        'allowed_hosts = ["127.0.0.1", "localhost"]', f'allowed_hosts = ["{HOSTS[name]}"]'
    )
    config.write_text(text)


def create_user(bench: Path, site: str, username: str, role: str, *options: str) -> None:
    secret = "482917" if role == "trainee" else PASSWORD  # a trainee's PIN
    result = reintegra(
        bench, "--site", site, "create-user", username, "--role", role, "--password", secret,
        *options,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def fill_bench(folder: Path, database_urls: dict[str, str] | None = None) -> Path:
    """Two sites; the same user names on both (so user ids coincide), trainees only on one."""
    urls = database_urls or {}
    garden_url = ["--db-url", urls["garden"]] if "garden" in urls else []
    praha_url = ["--db-url", urls["praha"]] if "praha" in urls else []
    make_site(folder, "garden", *garden_url)
    make_site(
        folder, "praha", "--currency", "CZK", "--language", "cs", "--time-zone", "Europe/Prague",
        "--country", "CZ", *praha_url,
    )  # fmt: skip
    for site in ("garden", "praha"):
        create_user(folder, site, "boss", "manager")
        create_user(folder, site, "books", "accountant")
    create_user(folder, "garden", "zofia", "trainee", "--first-name", "Zofia")
    create_user(folder, "garden", "ewa", "trainee", "--first-name", "Ewa")
    create_user(folder, "praha", "jana", "trainee", "--first-name", "Jana")
    return folder


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> Path:
    return fill_bench(tmp_path_factory.mktemp("bench"))


def in_all_sites_process(bench: Path, code: str) -> Any:
    """Run Python code in one `reintegra --all-sites` process; it prints its findings as JSON."""
    result = reintegra(bench, "--all-sites", "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


CLIENT_VISITS = f"""
import json
from django.test import Client

PASSWORD = {PASSWORD!r}
seen = {{}}


def logged_in(host, username):
    client = Client(HTTP_HOST=host)
    response = client.post("/login/", {{"username": username, "password": PASSWORD}})
    assert response.status_code == 302, (host, response.status_code)
    return client


garden, praha = logged_in("garden.test", "boss"), logged_in("praha.test", "boss")
seen["trainee 2 on garden"] = garden.get("/people/trainees/2/").status_code
seen["trainee 2 on praha"] = praha.get("/people/trainees/2/").status_code
seen["trainee 1 on garden"] = "Zofia" in garden.get("/people/trainees/1/").content.decode()
seen["trainee 1 on praha"] = "Jana" in praha.get("/people/trainees/1/").content.decode()
seen["language"] = {{
    host: Client(HTTP_HOST=host).get("/login/")["Content-Language"]
    for host in ("garden.test", "praha.test")
}}
seen["czech asked for on garden"] = Client(
    HTTP_HOST="garden.test", HTTP_ACCEPT_LANGUAGE="cs"
).get("/login/")["Content-Language"]
accountant_pages = {{
    host: logged_in(host, "books").get("/people/accountant/").content.decode()
    for host in ("garden.test", "praha.test")
}}
seen["currency"] = {{
    host: [sign for sign in ("zł", "Kč") if sign in page] for host, page in accountant_pages.items()
}}
# garden's session cookie (user id 1 there, and user id 1 on praha too) sent to praha
carried = Client(HTTP_HOST="praha.test")
carried.cookies["sessionid"] = garden.cookies["sessionid"].value
seen["garden cookie on praha"] = carried.get("/people/manager/").status_code
seen["garden cookie on garden"] = garden.get("/people/manager/").status_code
seen["unknown host"] = Client(HTTP_HOST="elsewhere.test").get("/login/").status_code
print(json.dumps(seen))
"""


# What one process serving both sites sees through the two host names.
EXPECTED = {
    "trainee 2 on garden": 200,
    "trainee 2 on praha": 404,
    "trainee 1 on garden": True,
    "trainee 1 on praha": True,
    "language": {"garden.test": "pl", "praha.test": "cs"},
    "czech asked for on garden": "cs",
    "currency": {"garden.test": ["zł"], "praha.test": ["Kč"]},
    "garden cookie on praha": 302,
    "garden cookie on garden": 200,
    "unknown host": 400,
}


@pytest.fixture(scope="module")
def seen(bench) -> dict:
    return in_all_sites_process(bench, CLIENT_VISITS)


def test_each_host_sees_only_its_own_sites_records(seen):
    assert seen["trainee 2 on garden"] == 200
    assert seen["trainee 2 on praha"] == 404  # Ewa was added on garden only
    assert seen["trainee 1 on garden"] and seen["trainee 1 on praha"]


def test_each_host_speaks_its_sites_language_unless_the_browser_asks_for_another(seen):
    assert seen["language"] == {"garden.test": "pl", "praha.test": "cs"}
    assert seen["czech asked for on garden"] == "cs"


def test_each_host_counts_money_in_its_sites_currency(seen):
    assert seen["currency"] == {"garden.test": ["zł"], "praha.test": ["Kč"]}


def test_a_login_on_one_site_does_not_carry_to_another_even_with_the_same_user_id(seen):
    assert seen["garden cookie on garden"] == 200
    assert seen["garden cookie on praha"] == 302  # to praha's login page


def test_a_host_no_site_names_is_refused(seen):
    assert seen["unknown host"] == 400


@pytest.mark.mariadb_only
def test_two_sites_on_two_mariadb_databases_are_kept_apart_by_host(tmp_path, mariadb_server_url):
    import MySQLdb

    from reintegra_coop.bench.database_url import parse_database_url

    server = parse_database_url(mariadb_server_url)
    names = {site: f"reintegra_{site}_{uuid.uuid4().hex[:8]}" for site in HOSTS}
    credentials = f"{server.user}:{server.password}@{server.host}:{server.port}"
    urls = {site: f"mariadb://{credentials}/{name}" for site, name in names.items()}
    try:
        fill_bench(tmp_path, urls)
        assert in_all_sites_process(tmp_path, CLIENT_VISITS) == EXPECTED
        # a year's first number is made on a side connection on MariaDB: the site's own
        taken = in_all_sites_process(tmp_path, NUMBERS)
        assert taken == ["ORD-2026-00001", "ORD-2026-00002", "ORD-2026-00001"]
    finally:
        connection = MySQLdb.connect(
            host=server.host, port=server.port, user=server.user, password=server.password
        )
        for name in names.values():
            connection.cursor().execute(f"DROP DATABASE IF EXISTS `{name}`")
        connection.close()


NUMBERS = """
import datetime, json
from django.db import transaction
from reintegra_coop.core.numbering import next_number
from reintegra_coop.core.sites import serving

taken = []
for site in ("garden", "garden", "praha"):
    with serving(site), transaction.atomic():
        taken.append(next_number("ORD", datetime.date(2026, 5, 4)))
print(json.dumps(taken))
"""


def test_each_site_numbers_its_documents_from_its_own_series(bench):
    taken = in_all_sites_process(bench, NUMBERS)
    assert taken == ["ORD-2026-00001", "ORD-2026-00002", "ORD-2026-00001"]


def test_uploaded_files_go_to_the_folder_of_the_site_being_served(bench):
    code = (
        "import json\nfrom django.core.files.storage import default_storage\n"
        "from reintegra_coop.core.sites import serving\nfolders = {}\n"
        "for site in ('garden', 'praha'):\n    with serving(site):\n"
        "        folders[site] = default_storage.path('notes.txt')\n"
        "print(json.dumps(folders))\n"
    )
    assert in_all_sites_process(bench, code) == {
        site: str(bench / site / "files" / "notes.txt") for site in ("garden", "praha")
    }


def test_outside_a_request_no_query_reaches_any_sites_database(bench):
    code = (
        "import json\nfrom django.contrib.auth.models import User\n"
        "try:\n    User.objects.count()\n    print(json.dumps({'refused': False}))\n"
        "except Exception as error:\n    print(json.dumps({'refused': type(error).__name__}))\n"
    )
    assert in_all_sites_process(bench, code) == {"refused": "ImproperlyConfigured"}


def test_all_sites_migrate_brings_every_site_up_to_date(bench):
    result = reintegra(bench, "--all-sites", "migrate", "--no-input")
    assert result.returncode == 0, result.stderr
    assert "Migrating site 'garden'" in result.stdout
    assert "Migrating site 'praha'" in result.stdout


def test_two_sites_claiming_one_host_are_refused_in_one_line(tmp_path):
    for name in ("one", "two"):
        result = reintegra(tmp_path, "new-site", name)
        assert result.returncode == 0, result.stderr
    result = reintegra(tmp_path, "--all-sites", "check")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "Host '127.0.0.1' is in allowed_hosts of both 'one' and 'two'" in result.stderr
    # a domain with its subdomains on one site, one of those subdomains on another
    for name, hosts in (("one", '".example.org"'), ("two", '"coop.example.org"')):
        config = tmp_path / name / "site_config.toml"
        config.write_text(config.read_text().replace('["127.0.0.1", "localhost"]', f"[{hosts}]"))
    result = reintegra(tmp_path, "--all-sites", "check")
    assert "Host 'coop.example.org' is in allowed_hosts of both 'one' and 'two'" in result.stderr
    # the same host spelled in capitals, or with the root's trailing dot: still one host
    for name, hosts in (("one", '"Coop.Example.org"'), ("two", '"coop.example.org."')):
        config = tmp_path / name / "site_config.toml"
        text = config.read_text()
        config.write_text(
            text.replace('[".example.org"]', f"[{hosts}]").replace(
                '["coop.example.org"]', f"[{hosts}]"
            )
        )
    result = reintegra(tmp_path, "--all-sites", "check")
    assert "Host 'coop.example.org' is in allowed_hosts of both 'one' and 'two'" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, host: str, path: str = "/login/") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_gunicorn_workers_serve_each_host_its_own_site(bench):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env["REINTEGRA_SITES_DIR"] = str(bench)
    command = [*REINTEGRA, "start", "--all-sites", "--prod", "--allow-sqlite", "--workers", "2"]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # gunicorn and its workers stop together below
    )
    try:
        deadline = time.monotonic() + HANG
        while True:
            try:
                _get(port, "garden.test")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.5)
        # several requests each, so both workers answer both hosts
        for _ in range(4):
            assert _get(port, "garden.test").getheader("Content-Language") == "pl"
            assert _get(port, "praha.test").getheader("Content-Language") == "cs"
        assert _get(port, "elsewhere.test").status == 400
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
