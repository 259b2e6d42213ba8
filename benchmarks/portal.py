"""The trainee portal's "my hours" page: server time for a trainee with a year of logs
(target ≤ 30 ms), and p95 latency for 50 concurrent users against gunicorn on loopback
(target ≤ 150 ms). Each simulated user clicks about once a second (think time), for 20 s.
Uses a throwaway SQLite site; run with `make bench`."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

USERS, SECONDS, THINK = 50, 20, 1.0
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def reintegra(*args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        [str(BIN / "reintegra"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def add_a_year_of_logs(env: dict[str, str]) -> None:
    code = """
import datetime
from reintegra_coop.people.models import Trainee
from reintegra_coop.work.models import WorkLog
anna = Trainee.objects.get(card_number="C-1001")
workshop = anna.workshops.first()
today = datetime.date.today()
days = [today - datetime.timedelta(days=n) for n in range(40, 400)]
WorkLog.objects.bulk_create([WorkLog(trainee=anna, workshop=workshop, minutes=360, date=day,
    start=datetime.time(8), end=datetime.time(14), status="approved")
    for day in days if day.weekday() < 5])
print(WorkLog.objects.filter(trainee=anna).count())
"""
    print(
        f"  logs of the trainee: {reintegra('shell', '--no-imports', '-c', code, env=env).strip()}"
    )


def server_time(env: dict[str, str]) -> None:
    code = """
import statistics, time
from django.test import Client
from django.contrib.auth.models import User
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(User.objects.get(username="trainee01"))
client.get("/portal/hours/")
times = []
for _ in range(30):
    began = time.perf_counter(); response = client.get("/portal/hours/")
    times.append(time.perf_counter() - began)
    assert response.status_code == 200
print(f"{statistics.median(times) * 1000:.1f}")
"""
    median = reintegra("shell", "--no-imports", "-c", code, env=env).strip().splitlines()[-1]
    print(f"  my hours, server time: {median} ms median of 30 (target ≤ 30 ms)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def logged_in_opener(base: str) -> urllib.request.OpenerDirector:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode(
        {"username": "trainee01", "password": "2468", "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(
        urllib.request.Request(f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"})
    )
    return opener


def load_test(env: dict[str, str]) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/login/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        openers = [logged_in_opener(base) for _ in range(USERS)]
        latencies: list[float] = []
        lock = threading.Lock()
        stop = time.monotonic() + SECONDS

        def user(opener: urllib.request.OpenerDirector) -> None:
            while time.monotonic() < stop:
                began = time.perf_counter()
                body = opener.open(f"{base}/portal/hours/", timeout=10).read()
                took = time.perf_counter() - began
                assert b"My hours" in body
                with lock:
                    latencies.append(took)
                time.sleep(THINK)

        threads = [threading.Thread(target=user, args=(o,)) for o in openers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
        print(
            f"  my hours under load: {len(latencies)} requests by {USERS} users, "
            f"p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {p95:.1f} ms "
            "(target ≤ 150 ms)"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    with tempfile.TemporaryDirectory() as sites:
        env = {**os.environ, "REINTEGRA_SITES_DIR": sites, "REINTEGRA_SITE": "bench"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        reintegra("new-site", "bench", "--language", "en", env=env)
        reintegra("load-demo", "--quiet-logins", env=env)
        add_a_year_of_logs(env)
        server_time(env)
        load_test(env)


if __name__ == "__main__":
    main()
