"""A site sets its retention periods in site_config.toml [retention]; a wrong one is refused
in one line naming it."""

import pytest

from reintegra_coop.bench.errors import BenchError
from reintegra_coop.bench.site_config import load_site, write_site_folder
from reintegra_coop.privacy.retention import DEFAULT_YEARS


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("REINTEGRA_SITES_DIR", str(tmp_path))
    write_site_folder("coop")
    return tmp_path / "coop" / "site_config.toml"


def set_line(path, old, new):
    path.write_text(path.read_text().replace(old, new))


def test_a_new_site_states_the_defaults(site):
    assert "[retention]" in site.read_text()
    assert {**DEFAULT_YEARS, **load_site("coop").retention_years} == DEFAULT_YEARS


def test_a_site_keeps_care_notes_longer(site):
    set_line(site, "care_notes = 10", "care_notes = 20")
    assert load_site("coop").retention_years["care_notes"] == 20


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("work_logs = 5", "work_log = 5", r"\[retention\] work_log is not a kind of record"),
        ("care_notes = 10", 'care_notes = "ten"', r"care_notes must be a whole number of years"),
        ("care_notes = 10", "care_notes = 0", r"care_notes must be a whole number of years"),
        (
            "personal_details = 5",
            "personal_details = 3",
            r"personal_details \(3\) must be at least pay_records \(5\)",
        ),
    ],
)
def test_a_wrong_period_is_refused_naming_it(site, old, new, message):
    set_line(site, old, new)
    with pytest.raises(BenchError, match=message):
        load_site("coop")
