"""The deployment templates in config/deploy/ say what the README says they do."""

import configparser
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "config" / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(DEPLOY / name)
    return parser


def test_the_site_unit_migrates_before_it_starts_and_takes_its_port_from_the_site_file():
    service = unit("reintegra@.service")["Service"]
    assert service["ExecStartPre"].endswith("reintegra --site %i migrate --no-input")
    assert service["ExecStart"].endswith("reintegra --site %i start --prod --port ${PORT}")
    assert service["EnvironmentFile"] == "-/etc/reintegra/%i.env"
    assert service["Environment"] == "PORT=8001"  # the default when the site file names none


def test_the_backup_timer_runs_the_sites_backup_every_night_and_makes_up_a_missed_one():
    timer = unit("reintegra-backup@.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 02:30:00"
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "reintegra-backup@%i.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_backup_service_backs_up_the_site_and_keeps_7_days_and_12_months():
    service = unit("reintegra-backup@.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == (
        "/opt/reintegra/.venv/bin/reintegra --site %i backup $BACKUP_OPTIONS"
    )
    assert service["Environment"] == '"BACKUP_OPTIONS=--keep-daily 7 --keep-monthly 12"'
    assert service["EnvironmentFile"] == "-/etc/reintegra/%i.env"
    assert service["UMask"] == "0077"


def test_the_worker_unit_runs_the_sites_worker_after_the_site_and_lets_a_job_finish():
    worker = unit("reintegra-worker@.service")
    service = worker["Service"]
    assert service["ExecStart"] == "/opt/reintegra/.venv/bin/reintegra --site %i worker"
    assert "reintegra@%i.service" in worker["Unit"]["After"].split()  # migrated first
    assert service["KillSignal"] == "SIGTERM"  # the worker finishes the job it runs
    assert int(service["TimeoutStopSec"]) >= 300
    assert service["Restart"] == "on-failure"
    assert service["Environment"] == "REINTEGRA_LOG=stderr"  # to the journal
    assert service["UMask"] == "0077"
    assert worker["Install"]["WantedBy"] == "multi-user.target"
