"""Which backups retention keeps: the newest of each of the last N days and M months."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra_coop.bench.errors import BenchError
from reintegra_coop.bench.retention import archives_to_keep

UTC = datetime.UTC


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


NIGHTLY_AND_EXTRA = {
    name: at(name)
    for name in (
        "2026-10-31T02:30",
        "2026-11-30T02:30",
        "2026-12-01T02:30",
        "2026-12-01T14:05",  # a backup by hand before an upgrade, the same day
        "2026-12-02T02:30",
        "2026-12-03T02:30",
    )
}


@pytest.mark.parametrize(
    ("daily", "monthly", "kept"),
    [
        (1, 0, {"2026-12-03T02:30"}),
        (2, 0, {"2026-12-03T02:30", "2026-12-02T02:30"}),
        (3, 0, {"2026-12-03T02:30", "2026-12-02T02:30", "2026-12-01T14:05"}),
        (1, 1, {"2026-12-03T02:30"}),
        (1, 2, {"2026-12-03T02:30", "2026-11-30T02:30"}),
        (1, 3, {"2026-12-03T02:30", "2026-11-30T02:30", "2026-10-31T02:30"}),
        (1, 12, {"2026-12-03T02:30", "2026-11-30T02:30", "2026-10-31T02:30"}),
        (
            7,
            12,
            {
                "2026-12-03T02:30",
                "2026-12-02T02:30",
                "2026-12-01T14:05",
                "2026-11-30T02:30",
                "2026-10-31T02:30",
            },
        ),
    ],
)
def test_it_keeps_the_newest_of_each_recent_day_and_month(daily, monthly, kept):
    assert archives_to_keep(NIGHTLY_AND_EXTRA, daily, monthly) == kept


def test_days_without_a_backup_do_not_count():
    archives = {name: at(name) for name in ("2026-12-10T02:30", "2026-12-01T02:30")}
    assert archives_to_keep(archives, 2, 0) == set(archives)


def test_nothing_to_keep_from_nothing():
    assert archives_to_keep({}, 7, 12) == set()


@pytest.mark.parametrize(("daily", "monthly"), [(0, 12), (-1, 0), (7, -1)])
def test_it_refuses_to_keep_no_daily_backup_or_a_negative_count(daily, monthly):
    with pytest.raises(BenchError, match="Keep at least one daily backup"):
        archives_to_keep(NIGHTLY_AND_EXTRA, daily, monthly)


moments = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1), max_value=datetime.datetime(2027, 12, 31)
).map(lambda moment: moment.replace(tzinfo=UTC))


@settings(deadline=None)  # a busy machine must not fail a pure function for being slow
@given(
    st.dictionaries(st.text(min_size=1, max_size=8), moments, max_size=40),
    st.integers(1, 10),
    st.integers(0, 14),
)
def test_it_keeps_exactly_the_newest_per_period_by_a_slow_definition(archives, daily, monthly):
    def newest_per(period_of, count):
        periods = sorted({period_of(moment) for moment in archives.values()}, reverse=True)
        kept = set()
        for period in periods[:count]:
            in_period = [item for item in archives.items() if period_of(item[1]) == period]
            kept.add(max(in_period, key=lambda item: (item[1], item[0]))[0])
        return kept

    expected = newest_per(lambda moment: moment.date(), daily) | newest_per(
        lambda moment: (moment.year, moment.month), monthly
    )
    kept = archives_to_keep(archives, daily, monthly)
    assert kept == expected
    if archives:
        assert max(archives.items(), key=lambda item: (item[1], item[0]))[0] in kept


def test_every_small_history_keeps_the_newest_and_at_most_daily_plus_monthly():
    days = [at(f"2026-{month:02}-{day:02}T02:30") for month in (11, 12) for day in (1, 2, 30)]
    for size in range(len(days) + 1):
        for chosen in itertools.combinations(days, size):
            archives = {moment.isoformat(): moment for moment in chosen}
            for daily, monthly in itertools.product((1, 2, 3), (0, 1, 2)):
                kept = archives_to_keep(archives, daily, monthly)
                assert len(kept) <= daily + monthly
                if archives:
                    assert max(archives, key=lambda name: archives[name]) in kept
