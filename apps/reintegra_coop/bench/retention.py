"""Which backup archives to keep: the newest of each of the last N days and M months.

A plain function over names and moments, so it can be tested without files. Like borg's and
restic's --keep-daily/--keep-monthly: a day (or month) counts only if it has an archive, the
archive kept for it is its newest, and an archive kept by either rule stays. Days and months
are those of the archive's name, which is in UTC.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping

from .errors import BenchError


def archives_to_keep(
    archives: Mapping[str, datetime.datetime], keep_daily: int, keep_monthly: int
) -> set[str]:
    """The names among ``archives`` (name -> when it was made) to keep; delete the rest."""
    if keep_daily < 1 or keep_monthly < 0:
        raise BenchError(
            "Keep at least one daily backup (--keep-daily 1 or more) and 0 or more monthly ones."
        )
    newest_first = sorted(archives.items(), key=lambda item: (item[1], item[0]), reverse=True)
    return _newest_per_period(newest_first, keep_daily, lambda moment: moment.date()) | (
        _newest_per_period(newest_first, keep_monthly, lambda moment: (moment.year, moment.month))
    )


def _newest_per_period(
    newest_first: Iterable[tuple[str, datetime.datetime]],
    periods: int,
    period_of: Callable[[datetime.datetime], object],
) -> set[str]:
    kept: dict[object, str] = {}
    for name, moment in newest_first:
        period = period_of(moment)
        if period in kept:
            continue
        if len(kept) == periods:
            break
        kept[period] = name
    return set(kept.values())
