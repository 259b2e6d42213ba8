"""`reintegra --site S worker`, run as the operator (and `make run`) runs it: a process that
queues the day's nightly jobs, runs them (the backup too, where the site turns it on), keeps
looking, and stops cleanly on SIGTERM; a bad [backup] setting is one line naming it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reintegra_coop.bench.errors import BenchError
from reintegra_coop.bench.nightly import NIGHTLY_JOBS
from reintegra_coop.bench.site_config import load_site, write_site_folder

REINTEGRA = [sys.executable, "-m", "reintegra_coop.bench.cli"]
# The site below turns the nightly backup on, so it wants every nightly job.
EVERY_JOB = {job.name for job in NIGHTLY_JOBS}
# A guard against a hung command, not a speed target (a busy CI machine migrates slowly).
HANG = 600


def environment(sites: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REINTEGRA_"))}
    env["REINTEGRA_SITES_DIR"] = str(sites)
    return env


def reintegra(sites: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*REINTEGRA, *args], capture_output=True, text=True, env=environment(sites), timeout=HANG
    )


def nightly_runs(site: Path) -> dict[str, str]:
    with sqlite3.connect(site / "db.sqlite3", timeout=20) as db:
        return dict(db.execute("SELECT job, outcome FROM core_nightlyrun").fetchall())


def test_the_worker_runs_the_nightly_jobs_and_the_backup_then_stops_on_sigterm(tmp_path):
    sites = tmp_path / "sites"
    created = reintegra(sites, "new-site", "coop")
    assert created.returncode == 0, created.stderr
    config = sites / "coop" / "site_config.toml"
    config.write_text(config.read_text() + "\n[backup]\nnightly = true\n")

    worker = subprocess.Popen(
        [*REINTEGRA, "--site", "coop", "worker", "--interval", "1", "--nightly-now"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(sites),
    )
    try:
        deadline = time.monotonic() + HANG
        while time.monotonic() < deadline and worker.poll() is None:
            runs = nightly_runs(sites / "coop")
            if set(runs) == EVERY_JOB and set(runs.values()) <= {"done", "failed"}:
                break
            time.sleep(0.5)
        time.sleep(2)  # it goes on looking at the queue
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=HANG)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err
    assert "Worker of site 'coop' running" in out
    assert nightly_runs(sites / "coop") == dict.fromkeys(EVERY_JOB, "done")
    assert {"recompute_milestones", "backup", "work_list_notifications"} <= EVERY_JOB
    archives = list((sites / "coop" / "backups").glob("coop-*.tar.gz"))
    assert len(archives) == 1 and archives[0].with_name(archives[0].name + ".sha256").exists()

    # Once a day: a second worker the same day finds nothing left to queue.
    again = reintegra(sites, "--site", "coop", "worker", "--until-empty", "--nightly-now")
    assert again.returncode == 0, again.stderr
    assert "nightly jobs queued: none" in again.stdout


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("nightly = 1", "[backup] nightly must be true or false."),
        ("keep_daily = 0", "[backup] keep_daily must be a whole number from 1 to 1000."),
        ("nightly = true\nencrypt = true", "[backup] encrypt = true needs key_file"),
    ],
)
def test_a_wrong_backup_setting_is_one_line_naming_it(tmp_path, monkeypatch, section, message):
    monkeypatch.setenv("REINTEGRA_SITES_DIR", str(tmp_path))
    site = write_site_folder("coop")
    assert (site.backup.nightly, site.backup.keep_daily, site.backup.keep_monthly) == (False, 7, 12)
    config = site.folder / "site_config.toml"
    config.write_text(config.read_text() + "\n[backup]\n" + section + "\n")
    with pytest.raises(BenchError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_site("coop")
