"""Running the day's low-threshold work: signing people up (within their monthly limits),
recording who worked, paying them in cash against a numbered receipt (KW-2026-00001), cash
put in, and the day's closing by notes and coins. A day worker can be taken on as an applicant,
their days carried over."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.money import format_money, site_currency
from reintegra_coop.core.numbering import next_number
from reintegra_coop.people.facts import Fact
from reintegra_coop.people.models import Stage, Trainee

from .models import (
    CashClosing,
    CashEntry,
    CashEntryKind,
    DayJob,
    DayWork,
    DayWorker,
    DayWorkLimit,
)
from .models.day_work import closing_before

#: what a site without a limit of its own allows a person in a calendar month
DEFAULT_DAYS_A_MONTH = 10
DEFAULT_PAY_A_MONTH = Decimal("1000.00")
DENOMINATIONS = {
    "PLN": ("500", "200", "100", "50", "20", "10", "5", "2", "1", "0.5", "0.2", "0.1"),
    "CZK": ("5000", "2000", "1000", "500", "200", "100", "50", "20", "10", "5", "2", "1"),
    "EUR": ("500", "200", "100", "50", "20", "10", "5", "2", "1", "0.5", "0.2", "0.1"),
}
RECEIPT = "KW"  # kasa wypłaci: the cash-out receipt's series


def denominations() -> tuple[str, ...]:
    return DENOMINATIONS.get(site_currency(), DENOMINATIONS["EUR"])


def limit_on(day: datetime.date) -> tuple[int, Decimal]:
    limit = DayWorkLimit.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if limit is None:
        return DEFAULT_DAYS_A_MONTH, DEFAULT_PAY_A_MONTH
    return limit.days_a_month, limit.pay_a_month


def month_so_far(
    worker: DayWorker, day: datetime.date, leaving_out: int = 0
) -> tuple[int, Decimal]:
    """Days and pay of ``worker``'s day work in the month of ``day`` (signed up or worked;
    a day not worked does not count)."""
    rows = (
        DayWork.objects.filter(worker=worker, job__date__year=day.year, job__date__month=day.month)
        .exclude(worked=False)
        .exclude(pk=leaving_out)
    )
    days = rows.values("job__date").distinct().count()
    pay = rows.aggregate(total=Sum("job__pay"))["total"] or Decimal(0)
    return days, pay


def with_month(day: datetime.date) -> Any:
    """Every day worker with their month so far (days and pay, as ``month_so_far`` counts
    them), in one query."""
    month = Q(days__job__date__year=day.year, days__job__date__month=day.month) & ~Q(
        days__worked=False
    )
    return DayWorker.objects.select_related("became_trainee").annotate(
        month_days=Count("days__job__date", filter=month, distinct=True),
        month_pay=Sum("days__job__pay", filter=month),
    )


def sign_up_by(job: DayJob, card_number: str, first_name: str, last_name: str, by: Any) -> DayWork:
    """Sign up the person with this card, or of this name (a name not known yet becomes a new
    day worker, kept only if the sign-up goes through)."""
    with transaction.atomic():
        return sign_up(
            job, _worker(card_number.strip(), first_name.strip(), last_name.strip(), by), by
        )


def _worker(card: str, first: str, last: str, by: Any) -> DayWorker:
    if card:
        found = DayWorker.objects.filter(card_number=card).first()
        if found is None:
            raise ValidationError({"card_number": gettext("No day worker has this card.")})
        return found
    if not first or not last:
        raise ValidationError(
            {"last_name": gettext("Give the card number, or the first and last name.")}
        )
    same = DayWorker.objects.filter(first_name__iexact=first, last_name__iexact=last)
    if same.count() > 1:
        raise ValidationError(
            {"card_number": gettext("More than one day worker has this name: give the card.")}
        )
    known = same.first()
    if known is not None:
        return known
    worker = DayWorker(first_name=first, last_name=last)
    worker.stamp(by)
    worker.save()
    return worker


def sign_up(job: DayJob, worker: DayWorker, by: Any) -> DayWork:
    with transaction.atomic():
        job = DayJob.objects.select_for_update().get(pk=job.pk)
        if worker.became_trainee_id:
            raise ValidationError(
                gettext("%(name)s is in the programme now: their work is logged in a workshop.")
                % {"name": worker.full_name}
            )
        if DayWork.objects.filter(job=job, worker=worker).exists():
            raise ValidationError(
                gettext("%(name)s is signed up for this job already.") % {"name": worker.full_name}
            )
        _place_for(job, worker)
        day_work = DayWork(job=job, worker=worker)
        day_work.stamp(by)
        day_work.save()
    return day_work


def _place_for(job: DayJob, worker: DayWorker, leaving_out: int = 0) -> None:
    """The rules a person's place on a job keeps, whenever it is taken (a sign-up, or a "did
    not come" put right): a free place, no other job at the time, the monthly limits.
    ``leaving_out``: the place being put right, not counted against itself."""
    taken = job.sign_ups.exclude(worked=False).exclude(pk=leaving_out)
    if taken.count() >= job.places:
        raise ValidationError(gettext("The job has all the people it needs."))
    clash = (
        DayWork.objects.filter(
            worker=worker, job__date=job.date, job__start__lt=job.end, job__end__gt=job.start
        )
        .exclude(worked=False)
        .exclude(pk=leaving_out)
    )
    if clash.exists():
        raise ValidationError(
            gettext("%(name)s has another job at that time.") % {"name": worker.full_name}
        )
    _within_limits(worker, job, leaving_out)


def _within_limits(worker: DayWorker, job: DayJob, leaving_out: int = 0) -> None:
    days_limit, pay_limit = limit_on(job.date)
    days, pay = month_so_far(worker, job.date, leaving_out)
    same_day = DayWork.objects.filter(worker=worker, job__date=job.date).exclude(worked=False)
    new_day = not same_day.exclude(pk=leaving_out).exists()
    if days + new_day > days_limit:
        raise ValidationError(
            gettext("Days of day work this month for %(name)s: %(days)s; the limit: %(limit)s.")
            % {"name": worker.full_name, "days": days, "limit": days_limit}
        )
    if pay + job.pay > pay_limit:
        raise ValidationError(
            gettext(
                "%(name)s would be paid %(pay)s this month; the limit is %(limit)s "
                "(it protects their benefits)."
            )
            % {
                "name": worker.full_name,
                "pay": format_money(pay + job.pay),
                "limit": format_money(pay_limit),
            }
        )


def record_worked(day_work: DayWork, worked: bool, by: Any) -> None:
    with transaction.atomic():
        job = DayJob.objects.select_for_update().get(pk=day_work.job_id)
        day_work = DayWork.objects.select_for_update().select_related("worker").get(pk=day_work.pk)
        if day_work.paid_at is not None:
            raise ValidationError(gettext("The day is paid: it stays as it is."))
        if job.date > timezone.localdate():
            raise ValidationError(gettext("Who worked is recorded on the day, not ahead."))
        if worked and day_work.worked is False:  # the place was given up: take it again
            _place_for(job, day_work.worker, leaving_out=day_work.pk)
        day_work.worked = worked
        day_work.stamp(by)
        day_work.save()


def _open(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise ValidationError(gettext("The cash book is kept for today and the days before."))
    if CashClosing.objects.filter(day__gte=day).exists():
        raise ValidationError(
            gettext("The cash book of %(day)s is closed.") % {"day": day.isoformat()}
        )


def pay(day_work: DayWork, by: Any) -> DayWork:
    """Pay the day's work in cash, today, against the next receipt number."""
    today = timezone.localdate()
    with transaction.atomic():
        day_work = DayWork.objects.select_for_update().select_related("job").get(pk=day_work.pk)
        if day_work.worked is not True:
            raise ValidationError(gettext("Only a day worked is paid."))
        if day_work.paid_at is not None:
            raise ValidationError(
                gettext("Paid already, receipt %(receipt)s.") % {"receipt": day_work.receipt}
            )
        _open(today)
        day_work.amount = day_work.job.pay
        day_work.receipt = next_number(RECEIPT, today)
        day_work.paid_at = timezone.now()
        day_work.stamp(by)
        day_work.save()
        entry = CashEntry(
            day=today, kind=CashEntryKind.DAY_WORK, amount=day_work.amount, day_work=day_work
        )
        entry.stamp(by)
        entry.save()
    return day_work


def put_in(day: datetime.date, amount: Decimal, note: str, by: Any) -> CashEntry:
    with transaction.atomic():
        _open(day)
        entry = CashEntry(day=day, kind=CashEntryKind.PAID_IN, amount=amount, note=note)
        entry.full_clean()
        entry.stamp(by)
        entry.save()
    return entry


def expected_cash(day: datetime.date) -> Decimal:
    """What should be in the cash box at the end of ``day``: the last closing's count, plus
    cash put in, minus cash paid out since."""
    before = closing_before(day)
    entries = CashEntry.objects.filter(day__lte=day)
    start = Decimal(0)
    if before is not None:
        start, entries = before.counted_total, entries.filter(day__gt=before.day)
    return start + sum((entry.signed for entry in entries), Decimal(0))


def close_day(day: datetime.date, counts: Mapping[str, int], note: str, by: Any) -> CashClosing:
    """Count the cash box: the difference from the book is recorded, with a note saying why."""
    with transaction.atomic():
        _open(day)
        if any(count < 0 for count in counts.values()):
            raise ValidationError(gettext("A count cannot be negative."))
        counted = sum(
            (Decimal(value) * count for value, count in counts.items()), Decimal(0)
        ).quantize(Decimal("0.01"))
        expected = expected_cash(day)
        difference = counted - expected
        if difference and not note.strip():
            raise ValidationError(
                {
                    "note": gettext("The count differs from the book by %(difference)s: say why.")
                    % {"difference": format_money(difference)}
                }
            )
        closing = CashClosing(
            day=day,
            counted={value: count for value, count in counts.items() if count},
            counted_total=counted,
            expected_total=expected,
            difference=difference,
            note=note.strip(),
        )
        closing.stamp(by)
        closing.save()
    return closing


def take_on(worker: DayWorker, by: Any) -> Trainee:
    """The day worker applies for the programme: an applicant with their details, their day
    work kept with them (the trainee's page shows it)."""
    with transaction.atomic():
        worker = DayWorker.objects.select_for_update().get(pk=worker.pk)
        if worker.became_trainee_id:
            raise ValidationError(gettext("Taken on already."))
        trainee = Trainee(
            first_name=worker.first_name,
            last_name=worker.last_name,
            date_of_birth=worker.date_of_birth,
            phone=worker.phone,
            stage=Stage.APPLICANT,
            applied_on=timezone.localdate(),
            stage_since=timezone.localdate(),
        )
        card = worker.card_number
        if card and not Trainee.objects.filter(card_number=card).exists():
            trainee.card_number = card  # the same card opens the portal later
        trainee.stamp(by)
        trainee.save()
        worker.became_trainee = trainee
        worker.stamp(by)
        worker.save()
    return trainee


def day_work_facts(trainee: Any, user: Any) -> list[Fact]:
    """On the trainee's page in people: the day work they did before the programme."""
    worker = DayWorker.objects.filter(became_trainee_id=trainee.pk).first()
    if worker is None or not may_open(user, "pathways:day_workers"):
        return []
    done = worker.days.filter(worked=True)
    paid = done.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    days = done.count()
    value = ngettext("%(days)s day, paid %(paid)s", "%(days)s days, paid %(paid)s", days) % {
        "days": days,
        "paid": format_money(paid),
    }
    return [Fact(gettext("Day work before the programme"), value)]
