"""The funder's report as sections of labelled rows, in the reader's language: one shape for
the page, the PDF (with its charts) and the XLSX. A row of people carries its count and how it
is shown ("< 5" for 1 to 4); a row of hours carries the hours."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from reintegra_coop.people.models import ExitReason, Stage

from . import outcomes
from .models import FundingProject, Sex
from .outcome_facts import facts_for

HIDDEN = "*"


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None = None  # people
    hours: Decimal | None = None
    hidden: bool = False  # a second cell hidden, so that a small one cannot be worked out
    blanked: bool = False  # hidden with every other cell of its table: small or not, unknown

    @property
    def shown(self) -> str:
        if self.hidden:
            return HIDDEN
        return outcomes.shown(self.count) if self.count is not None else ""

    @property
    def suppressed(self) -> bool:
        return self.hidden or (self.count is not None and 0 < self.count < outcomes.SMALL)


def _determined(rows: tuple[Row, ...]) -> bool:
    """Whether a reader could work out a "< 5" cell of rows that split a shown total: each
    hidden cell lies between its bounds (1–4 for "< 5", 5 or more for "*", anything for a
    cell of a fully hidden table) and the hidden cells add up to the total minus the shown
    ones; a cell is given away when only one value of it fits."""
    total = sum(row.count or 0 for row in rows)
    hidden = [row for row in rows if row.suppressed]
    rest = total - sum(row.count or 0 for row in rows if not row.suppressed)

    def bounds(row: Row) -> tuple[int, int]:
        if row.hidden:
            return (1, rest) if row.blanked else (outcomes.SMALL, rest)
        return 1, outcomes.SMALL - 1

    for row in hidden:
        if row.hidden and not row.blanked:
            continue  # a hidden cell of 5 or more gives nobody away
        low, high = bounds(row)
        others = [bounds(other) for other in hidden if other is not row]
        low = max(low, rest - sum(b[1] for b in others))
        high = min(high, rest - sum(b[0] for b in others))
        if low >= high:
            return True
    return False


def protected(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """Rows that split a shown total (5 or more): while a "< 5" cell could be worked out from
    the total and the other cells, the smallest shown cell above 0 is hidden too ("*"); if
    even that is not enough, every cell above 0 is hidden alike, so none can be told apart."""
    if sum(row.count or 0 for row in rows) < outcomes.SMALL:
        return rows  # the total itself is "< 5": nothing to work out from
    while _determined(rows):
        shown = [row for row in rows if not row.suppressed and row.count]
        if not shown:
            return tuple(
                replace(row, hidden=True, blanked=True) if row.count else row for row in rows
            )
        second = min(shown, key=lambda row: row.count or 0)
        rows = tuple(replace(row, hidden=True) if row is second else row for row in rows)
    return rows


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]
    chart: bool = False  # drawn as bars


@dataclass(frozen=True)
class FunderReport:
    project: FundingProject
    first: datetime.date
    last: datetime.date
    sections: tuple[Section, ...]


def _breakdown(title: str, counts: dict[str, int], labels: dict[str, str]) -> Section:
    rows = tuple(Row(labels[key], counts[key]) for key in labels)
    return Section(title, protected(rows), chart=True)


def _at_exit(count: int, reasons: tuple[Row, ...]) -> Row:
    """In work or education at exit nearly repeats the exits into employment and education
    (``reasons`` in ExitReason's order): where one of those is hidden, so is this (or it would
    give it away)."""
    active = (ExitReason.EMPLOYMENT, ExitReason.EDUCATION)
    row = Row(_("at exit"), count)
    by_reason = dict(zip(ExitReason, reasons, strict=True))
    if not row.suppressed and any(by_reason[reason].suppressed for reason in active):
        return replace(row, hidden=True)
    return row


def funder_report(
    project: FundingProject, first: datetime.date, last: datetime.date
) -> FunderReport:
    participants, leavers, minutes = facts_for(project, first, last)
    o = outcomes.count(participants, leavers, minutes, ExitReason.values)
    not_recorded = _("not recorded")
    yes_no = {"yes": _("yes"), "no": _("no"), outcomes.NOT_RECORDED: not_recorded}
    reasons = protected(tuple(Row(str(r.label), o.exits_by_reason[r.value]) for r in ExitReason))
    ages = {
        "under_25": _("under 25"),
        "25_34": "25–34",
        "35_49": "35–49",
        "50_plus": _("50 and over"),
    }
    sections = (
        Section(_("Participants"), (Row(_("started in the period"), o.started),)),
        _breakdown(
            _("Furthest stage reached"),
            dict(o.by_stage),
            {s: str(Stage(s).label) for s in outcomes.STAGES_REACHED},
        ),
        _breakdown(
            _("Age at the start"), dict(o.age), {**ages, outcomes.NOT_RECORDED: not_recorded}
        ),
        _breakdown(
            _("Sex"),
            dict(o.sex),
            {**{s.value: str(s.label) for s in Sex}, outcomes.NOT_RECORDED: not_recorded},
        ),
        _breakdown(_("Long-term unemployed"), dict(o.long_term_unemployed), yes_no),
        _breakdown(_("Homeless at the start"), dict(o.homeless), yes_no),
        _breakdown(_("With a disability"), dict(o.disability), yes_no),
        Section(
            _("Exits"),
            (Row(_("left the programme in the period"), o.exits), *reasons),
            chart=True,
        ),
        Section(
            _("In work or education"),
            (
                _at_exit(o.active_at_exit, reasons),
                Row(_("4 weeks after the exit"), o.active_at_4_weeks),
                Row(_("6 months after the exit"), o.active_at_6_months),
            ),
            chart=True,
        ),
        Section(
            _("In stable housing"),
            (
                Row(_("at exit"), o.stable_housing_at_exit),
                Row(_("6 months after the exit"), o.stable_housing_at_6_months),
            ),
        ),
        Section(
            _("Hours delivered"),
            (
                Row(_("work"), hours=o.work_hours),
                Row(_("training"), hours=o.training_hours),
                Row(_("community service completed"), hours=o.community_service_hours),
            ),
        ),
    )
    return FunderReport(project, first, last, sections)


def spreadsheet_rows(report: FunderReport) -> list[list[Any]]:
    """The report as spreadsheet rows: section, row, and the count (a number) or how it is
    shown where hidden ("< 5", "*" as text), or the hours."""
    return [
        [
            section.title,
            row.label,
            row.shown if row.suppressed else (row.count if row.count is not None else row.hours),
        ]
        for section in report.sections
        for row in section.rows
    ]
