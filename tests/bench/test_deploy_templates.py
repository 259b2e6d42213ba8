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


def test_the_scale_out_nginx_template_spreads_requests_over_every_node_and_serves_static_files():
    from jinja2 import Environment, StrictUndefined

    template = (DEPLOY / "nginx-scale-out.conf.j2").read_text()
    rendered = (
        Environment(undefined=StrictUndefined, autoescape=False)  # noqa: S701 - nginx, not HTML
        .from_string(template)
        .render(
            user="",
            prefix="/run/reintegra-nginx",
            listen="127.0.0.1:8080",
            nodes=["10.0.0.11:8001", "10.0.0.12:8001"],
            static_root="/opt/reintegra/static_root",
        )
    )
    assert "server 10.0.0.11:8001 max_fails=3 fail_timeout=10s;" in rendered
    assert "server 10.0.0.12:8001 max_fails=3 fail_timeout=10s;" in rendered
    assert "alias /opt/reintegra/static_root/;" in rendered
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in rendered
    assert "add_header X-Reintegra-Node $upstream_addr always;" in rendered
    assert "user " not in rendered.split("events")[0]  # not root: no user directive


def test_the_all_sites_unit_migrates_every_site_before_it_serves_them_all():
    service = unit("reintegra-sites.service")["Service"]
    assert service["ExecStartPre"].endswith("reintegra --all-sites migrate --no-input")
    assert service["ExecStart"].endswith("reintegra --all-sites start --prod --port ${PORT}")
    assert service["EnvironmentFile"] == "-/etc/reintegra/sites.env"
    assert service["Environment"] == "PORT=8001"


def test_nginx_passes_the_host_name_on_so_one_deployment_can_tell_the_sites_apart():
    config = (DEPLOY / "nginx.conf").read_text()
    assert config.count("proxy_set_header Host $host;") == config.count("proxy_pass ")


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
