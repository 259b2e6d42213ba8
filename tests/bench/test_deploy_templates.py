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
