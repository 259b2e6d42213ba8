"""The pay period owns the month: open → in review → approved → paid, or reopened.

- ``run`` makes (or remakes) the draft payslips, for everyone or some trainees (replacing only
  theirs); a reopened period keeps its approved payslips beside the new ones, replaced.
- ``blockers`` lists what stops approval: a log of the month still draft or submitted, or
  disputed; paid work on a day without a scheme; a stale run (a fact under a payslip changed
  since it was made, or a payslip missing); an earlier month not approved yet.
- ``approve`` (refused while anything blocks) locks the month's logs, settles the late entries
  its payslips pay, stores the month's rent statements and closes the month, all in one
  transaction: a crash leaves the period as it was.
- ``mark_paid``; ``reopen`` with a reason (only the latest closed month, not a paid one).
- ``defer`` moves named logs out of the month: they are paid later, as late entries.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from reintegra_coop.core.dates import month_bounds
from reintegra_coop.core.formatting import format_month
from reintegra_coop.housing.ledger import close_month, reopen_month
from reintegra_coop.work.models import LockedPeriod, WorkLog, WorkLogStatus

from . import notices
from .fingerprint import trainee_digests
from .late import corrections, pending
from .models import (
    CLOSED_STATES,
    PayError,
    PayPeriod,
    PayScheme,
    Payslip,
    PayslipLine,
    PeriodState,
    SchemeKind,
)
from .payroll import PayslipDraft, draft_payslips
from .rates import scheme_on, segments


@dataclass(frozen=True)
class Blocker:
    kind: str
    trainee: str = ""
    date: str = ""
    detail: str = ""
    log_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "trainee": self.trainee,
            "date": self.date,
            "detail": self.detail,
            "log_id": self.log_id,
        }


class PeriodBlockedError(PayError):
    """Approval refused: the message names what blocks (every blocker is in ``blockers``)."""

    def __init__(self, month: datetime.date, blockers: list[Blocker]) -> None:
        self.blockers = blockers
        first = blockers[0]
        where = ", ".join(part for part in (first.trainee, first.date) if part)
        super().__init__(
            _("%(month)s cannot be approved: %(count)s blockers, first %(detail)s%(where)s.")
            % {
                "month": f"{month:%Y-%m}",
                "count": len(blockers),
                "detail": first.detail,
                "where": f" ({where})" if where else "",
            }
        )


@dataclass
class PeriodStatus:
    period: PayPeriod
    blockers: list[Blocker] = field(default_factory=list)
    payslips: int = 0
    total: Decimal = Decimal("0.00")

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": f"{self.period.month:%Y-%m}",
            "state": self.period.state,
            "blockers": [blocker.as_dict() for blocker in self.blockers],
            "payslips": self.payslips,
            "total": f"{self.total:.2f}",
        }


def period_of(month: datetime.date) -> PayPeriod:
    """The month's period (made, open, the first time it is asked for)."""
    first = month.replace(day=1)
    found = PayPeriod.objects.filter(month=first).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return PayPeriod.objects.create(month=first)
    except IntegrityError:  # someone else made it at the same moment
        return PayPeriod.objects.get(month=first)


def _locked(month: datetime.date) -> PayPeriod:
    period_of(month)
    return PayPeriod.objects.select_for_update().get(month=month.replace(day=1))


def status(month: datetime.date) -> PeriodStatus:
    period = period_of(month)
    payslips = Payslip.objects.current().filter(period=period)
    return PeriodStatus(
        period,
        blockers(period),
        payslips.count(),
        payslips.aggregate(total=Sum("total"))["total"] or Decimal("0.00"),
    )


def run(month: datetime.date, by: Any, trainee_ids: Iterable[int] | None = None) -> PayPeriod:
    """Make the month's draft payslips (or only the named trainees'), all of it or nothing."""
    selection = list(trainee_ids) if trainee_ids is not None else None
    with transaction.atomic():
        period = _locked(month)
        if period.is_closed:
            raise PayError(
                _("The pay period of %(month)s is already approved; reopen it first.")
                % {"month": format_month(period.month)}
            )
        drafts = draft_payslips(period.month, selection)
        _store(period, drafts, selection)
        period.change_state(PeriodState.IN_REVIEW, by)
    return period


def _store(period: PayPeriod, drafts: list[PayslipDraft], selection: list[int] | None) -> None:
    first, last = month_bounds(period.month)
    current = Payslip.objects.current().filter(period=period)
    if selection is not None:
        current = current.filter(trainee_id__in=selection)
    versions = dict(current.values_list("trainee_id", "version"))
    current.filter(approved_at__isnull=False).update(replaced=True)  # approved: kept
    drafts_made_before = current.filter(approved_at__isnull=True)
    PayslipLine.objects.filter(payslip__in=drafts_made_before).delete()
    drafts_made_before.delete()
    _checkpoint("run:drafts-removed")
    digests = trainee_digests(first, last, [draft.trainee.pk for draft in drafts])
    made = Payslip.objects.bulk_create(
        [
            Payslip(
                period=period,
                trainee=draft.trainee,
                scheme=draft.scheme,
                total=draft.total,
                earnings=draft.earnings,
                protected_from_seizure=draft.scheme == SchemeKind.STIPEND,
                facts_digest=digests[draft.trainee.pk],
                version=versions.get(draft.trainee.pk, 0) + 1,
                late_log_ids=draft.late_log_ids,
            )
            for draft in drafts
        ]
    )
    PayslipLine.objects.bulk_create(
        [
            PayslipLine(
                payslip=payslip,
                position=position,
                code=line.code,
                amount=line.amount,
                quantity=line.quantity,
                rate=line.rate,
                details=dict(line.detail),
                debt_plan_id=line.debt_plan_id,
                tenancy_id=line.tenancy_id,
                for_month=line.for_month,
                informational=informational,
            )
            for payslip, draft in zip(made, drafts, strict=True)
            for position, (line, informational) in enumerate(
                [(line, False) for line in draft.lines]
                + [(line, True) for line in draft.information]
            )
        ],
        batch_size=2000,
    )


def blockers(period: PayPeriod) -> list[Blocker]:
    """Everything that stops the period being approved (none once it is closed)."""
    if period.is_closed:
        return []
    first, last = month_bounds(period.month)
    found: list[Blocker] = []
    earlier = PayPeriod.objects.filter(month__lt=first).exclude(state__in=CLOSED_STATES)
    for month in earlier.values_list("month", flat=True):
        found.append(
            Blocker("earlier_month_open", date=f"{month:%Y-%m}", detail=_("approve it first"))
        )
    found += _log_blockers(first, last)
    found += _work_blockers(first)
    found += _run_blockers(period, first, last)
    return found


def _log_blockers(first: datetime.date, last: datetime.date) -> list[Blocker]:
    logs = (
        WorkLog.objects.current()
        .filter(date__range=(first, last), late=False)
        .select_related("trainee", "workshop")
        .order_by("date", "trainee__last_name", "start")
    )
    found = []
    for log in logs.filter(status__in=[WorkLogStatus.DRAFT, WorkLogStatus.SUBMITTED]):
        found.append(_log_blocker("log_not_approved", log, log.get_status_display()))
    for log in logs.disputed():
        found.append(_log_blocker("disputed_log", log, _("disputed: %s") % log.dispute_comment))
    return found


def _log_blocker(kind: str, log: WorkLog, what: str) -> Blocker:
    return Blocker(
        kind,
        log.trainee.full_name,
        log.date.isoformat(),
        f"{what}, {log.start:%H:%M}–{log.end:%H:%M}, {log.workshop.name}",
        log.pk,
    )


def _work_blockers(first: datetime.date) -> list[Blocker]:
    """Paid work on a day without a scheme, in the month or in late entries it would pay."""
    last = month_bounds(first)[1]
    worked = (
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(date__range=(first, last), late=False, work_type="paid_work")
        .values("trainee_id", "trainee__first_name", "trainee__last_name", "date")
        .annotate(total=Sum("minutes"))
        .order_by("date")
    )
    schemes: dict[int, list[tuple[datetime.date, datetime.date | None]]] = {}
    for trainee_id, valid_from, valid_until in (
        PayScheme.objects.filter(valid_from__lte=last)
        .exclude(valid_until__lt=first)
        .values_list("trainee_id", "valid_from", "valid_until")
    ):
        schemes.setdefault(trainee_id, []).append((valid_from, valid_until))
    found = []
    for row in worked:
        spans = segments(schemes.get(row["trainee_id"], []), first, last)
        if scheme_on(spans, row["date"]) is None:  # the same rule as the payroll's unpaid work
            found.append(
                _unpaid_blocker(
                    f"{row['trainee__first_name']} {row['trainee__last_name']}",
                    row["date"],
                    row["total"],
                )
            )
    for work in corrections(first).unpaid:
        found.append(_unpaid_blocker(work.trainee.full_name, work.date, work.minutes))
    return found


def _unpaid_blocker(name: str, day: datetime.date, minutes: int) -> Blocker:
    return Blocker(
        "work_outside_scheme",
        name,
        day.isoformat(),
        _("%(hours)s h of paid work on a day without a pay scheme")
        % {"hours": f"{minutes / 60:.2f}"},
    )


def _run_blockers(period: PayPeriod, first: datetime.date, last: datetime.date) -> list[Blocker]:
    if period.state == PeriodState.OPEN:
        return [Blocker("not_run", detail=_("run the payroll for the month"))]
    needed = set(
        PayScheme.objects.filter(valid_from__lte=last)
        .exclude(valid_until__lt=first)
        .values_list("trainee_id", flat=True)
    ) | {t for by_trainee in pending(first).values() for t in by_trainee}
    made = dict(
        Payslip.objects.current().filter(period=period).values_list("trainee_id", "facts_digest")
    )
    now = trainee_digests(first, last, needed | set(made))
    stale = sorted(t for t in needed | set(made) if made.get(t) != now.get(t))
    if not stale:
        return []
    from reintegra_coop.people.models import Trainee

    names = dict(Trainee.objects.filter(pk__in=stale).values_list("pk", "last_name"))
    return [
        Blocker(
            "stale_run",
            names.get(trainee_id, ""),
            detail=_("facts changed since the run: run the payroll again")
            if trainee_id in made
            else _("no payslip yet: run the payroll again"),
        )
        for trainee_id in stale
    ]


def approve(month: datetime.date, by: Any) -> PayPeriod:
    """Close the month: refused while anything blocks; one transaction."""
    with transaction.atomic():
        period = _locked(month)
        if period.state != PeriodState.IN_REVIEW:
            raise PayError(
                _("Only a period in review can be approved; %(month)s is %(state)s.")
                % {"month": format_month(period.month), "state": period.get_state_display()}
            )
        found = blockers(period)
        if found:
            raise PeriodBlockedError(period.month, found)
        first, last = month_bounds(period.month)
        own = WorkLog.objects.filter(
            date__range=(first, last), late=False, status=WorkLogStatus.APPROVED
        )
        reason = _("pay period %(month)s approved") % {"month": f"{first:%Y-%m}"}
        WorkLog.change_status(own, WorkLogStatus.LOCKED, by, reason)
        payslips = Payslip.objects.current().filter(period=period)
        _settle_late_entries(payslips, first, by, reason)
        _checkpoint("approve:logs-locked")
        payslips.update(approved_at=timezone.now())
        LockedPeriod.objects.create(
            first_day=first,
            last_day=last,
            created_by=by if getattr(by, "pk", None) else None,
            reason=reason,
        )
        close_month(first, _rent_taken(payslips))
        _checkpoint("approve:rent-stored")
        period.change_state(PeriodState.APPROVED, by)
        notices.period_approved(period)
    return period


def _settle_late_entries(payslips: Any, first: datetime.date, by: Any, reason: str) -> None:
    ids = [pk for late_ids in payslips.values_list("late_log_ids", flat=True) for pk in late_ids]
    logs = list(WorkLog.objects.select_for_update().filter(pk__in=ids))
    WorkLog.change_status(logs, WorkLogStatus.LOCKED, by, reason)
    for log in logs:
        log.paid_in = first
    bulk_update_with_history(logs, WorkLog, ["paid_in"], default_change_reason=reason)


def _rent_taken(payslips: Any) -> dict[int, Decimal]:
    return {
        row["tenancy_id"]: -row["total"]
        for row in PayslipLine.objects.filter(payslip__in=payslips, code="rent_deduction")
        .values("tenancy_id")
        .annotate(total=Sum("amount"))
        .order_by()
    }


def mark_paid(month: datetime.date, by: Any) -> PayPeriod:
    with transaction.atomic():
        period = _locked(month)
        if period.state != PeriodState.APPROVED:
            raise PayError(_("Only an approved pay period can be marked paid."))
        period.change_state(PeriodState.PAID, by)
    return period


def reopen(month: datetime.date, by: Any, reason: str) -> PayPeriod:
    """Open an approved month again for corrections: its logs unlock, its stored figures stay
    (replaced when it is run again). Not a paid month, nor one a later closed month follows."""
    if not reason.strip():
        raise PayError(_("Say why the period is reopened."))
    with transaction.atomic():
        period = _locked(month)
        if period.state != PeriodState.APPROVED:
            raise PayError(
                _(
                    "Only an approved period is reopened; a paid month stays closed (pay a late "
                    "entry in the next period instead)."
                )
            )
        later = PayPeriod.objects.filter(month__gt=period.month, state__in=CLOSED_STATES)
        if later.exists():
            raise PayError(_("A later month is approved: reopen it first."))
        first, last = month_bounds(period.month)
        LockedPeriod.objects.filter(first_day=first, last_day=last).delete()
        text = _("pay period %(month)s reopened: %(reason)s") % {
            "month": f"{first:%Y-%m}",
            "reason": reason.strip(),
        }
        own = WorkLog.objects.filter(
            date__range=(first, last), late=False, status=WorkLogStatus.LOCKED
        )
        WorkLog.change_status(own, WorkLogStatus.APPROVED, by, text)
        settled = list(WorkLog.objects.select_for_update().filter(paid_in=first))
        WorkLog.change_status(settled, WorkLogStatus.APPROVED, by, text)
        for log in settled:
            log.paid_in = None
        bulk_update_with_history(settled, WorkLog, ["paid_in"], default_change_reason=text)
        reopen_month(first)
        period.change_state(PeriodState.REOPENED, by, reason.strip())
    return period


def defer(month: datetime.date, log_ids: Iterable[int], by: Any, reason: str = "") -> int:
    """Move the named logs out of the month being closed: they are paid later, as late
    entries, once approved (and their dispute resolved)."""
    with transaction.atomic():
        period = _locked(month)
        if period.is_closed:
            raise PayError(_("The period is closed; nothing can be deferred."))
        first, last = month_bounds(period.month)
        logs = list(
            WorkLog.objects.select_for_update().filter(
                pk__in=list(log_ids), date__range=(first, last), late=False
            )
        )
        text = _("deferred to a later pay period") + (f": {reason.strip()}" if reason else "")
        now = timezone.now()
        for log in logs:
            log.late, log.modified_at = True, now
            log.stamp(by)
        bulk_update_with_history(
            logs,
            WorkLog,
            ["late", "modified_at", "modified_by"],
            default_user=by if getattr(by, "pk", None) else None,
            default_change_reason=text,
        )
    return len(logs)


def _checkpoint(name: str) -> None:
    """A test can stop the process here (REINTEGRA_STOP_AT=name) to prove a crash in the
    middle leaves the period as it was: the process waits to be killed."""
    if os.environ.get("REINTEGRA_STOP_AT") == name:  # pragma: no cover - a killed process
        import sys
        import time

        sys.stdout.write(f"stopped at {name}\n")
        sys.stdout.flush()
        time.sleep(3600)
