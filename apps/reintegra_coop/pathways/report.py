"""The funder's report as sections of labelled rows, in the reader's language: one shape for
the page, the PDF (with its charts) and the XLSX. A row of people carries its count and how it
is shown ("< 5" for 1 to 4); a row of hours carries the hours."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

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

    @property
    def shown(self) -> str:
        if self.hidden:
            return HIDDEN
        return outcomes.shown(self.count) if self.count is not None else ""

    @property
    def suppressed(self) -> bool:
        return self.hidden or (self.count is not None and 0 < self.count < outcomes.SMALL)


def protected(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """Rows that split a shown total: with only one of them shown as "< 5", the total minus
    the others would give it away, so the smallest other one above 0 is hidden too."""
    small = [row for row in rows if row.suppressed]
    others = [row for row in rows if not row.suppressed and row.count]
    if len(small) != 1 or not others:
        return rows
    second = min(others, key=lambda row: row.count or 0)
    return tuple(replace(row, hidden=True) if row is second else row for row in rows)


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


def funder_report(
    project: FundingProject, first: datetime.date, last: datetime.date
) -> FunderReport:
    participants, leavers, minutes = facts_for(project, first, last)
    o = outcomes.count(participants, leavers, minutes, ExitReason.values)
    not_recorded = _("not recorded")
    yes_no = {"yes": _("yes"), "no": _("no"), outcomes.NOT_RECORDED: not_recorded}
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
            (
                Row(_("left the programme in the period"), o.exits),
                *protected(
                    tuple(Row(str(r.label), o.exits_by_reason[r.value]) for r in ExitReason)
                ),
            ),
            chart=True,
        ),
        Section(
            _("In work or education"),
            (
                Row(_("at exit"), o.active_at_exit),
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
