"""Low-threshold day work (managers, who hold the cash box): the day's jobs with who signed up,
who worked and who was paid; the receipt to sign; the cash book of the day and its closing;
the day workers with their month, and taking one on as an applicant."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.money import format_money
from reintegra_coop.core.queries import DayQuery, read_query
from reintegra_coop.core.sites import site_setting

from . import day_work as workflow
from .form_errors import flash_errors, flash_refusal
from .forms import ClosingForm, DayJobForm, PutInForm, SignUpForm
from .models import CashClosing, CashEntry, DayJob, DayWork, DayWorker
from .models.day_work import DAY_WORK_ROLES


def _day(request: HttpRequest) -> datetime.date:
    day: datetime.date = read_query(request, DayQuery)["date"] or timezone.localdate()
    return day


def _back(day: datetime.date) -> HttpResponseBase:
    return redirect(f"{reverse('pathways:day_work')}?date={day.isoformat()}")


@require_role(*DAY_WORK_ROLES)
def day_work(request: HttpRequest) -> HttpResponseBase:
    day = _day(request)
    jobs = DayJob.objects.filter(date=day).prefetch_related("sign_ups__worker")
    context = {
        "day": day,
        "jobs": jobs,
        "job_form": DayJobForm(),
        "sign_up_form": SignUpForm(),
        "entries": CashEntry.objects.filter(day=day).select_related("day_work__worker"),
        "expected": workflow.expected_cash(day),
        "closing": CashClosing.objects.filter(day=day).first(),
        "put_in_form": PutInForm(),
        "closing_form": ClosingForm(workflow.denominations()),
        "limit": workflow.limit_on(day),
    }
    return render(request, "pathways/day_work.html", context)


@require_POST
@require_role(*DAY_WORK_ROLES)
def add_job(request: HttpRequest) -> HttpResponseBase:
    day = _day(request)
    form = DayJobForm(request.POST, instance=DayJob(date=day))
    if form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, _("The day job is added."))
    else:
        flash_errors(request, form)
    return _back(day)


@require_POST
@require_role(*DAY_WORK_ROLES)
def sign_up(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = get_object_or_404(DayJob, pk=pk)
    form = SignUpForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        data = form.cleaned_data
        workflow.sign_up_by(
            job, data["card_number"], data["first_name"], data["last_name"], request.user
        )
    except ValidationError as refused:
        flash_refusal(request, refused)
    else:
        messages.success(request, _("Signed up."))
    return _back(job.date)


@require_POST
@require_role(*DAY_WORK_ROLES)
def worked(request: HttpRequest, pk: int) -> HttpResponseBase:
    day_work = get_object_or_404(DayWork.objects.select_related("job"), pk=pk)
    answer = request.POST.get("worked")
    if answer not in ("0", "1"):
        messages.error(request, _("Worked: say yes or no."))
        return _back(day_work.job.date)
    try:
        workflow.record_worked(day_work, answer == "1", request.user)
    except ValidationError as refused:
        flash_refusal(request, refused)
    return _back(day_work.job.date)


@require_POST
@require_role(*DAY_WORK_ROLES)
def pay(request: HttpRequest, pk: int) -> HttpResponseBase:
    day_work = get_object_or_404(DayWork.objects.select_related("job"), pk=pk)
    try:
        paid = workflow.pay(day_work, request.user)
    except ValidationError as refused:
        flash_refusal(request, refused)
        return _back(day_work.job.date)
    messages.success(request, _("Paid: receipt %(receipt)s.") % {"receipt": paid.receipt})
    return redirect("pathways:receipt", paid.pk)


@require_role(*DAY_WORK_ROLES)
def receipt(request: HttpRequest, pk: int) -> HttpResponseBase:
    day_work = get_object_or_404(
        DayWork.objects.select_related("job", "worker"), pk=pk, receipt__isnull=False
    )
    context = {"day_work": day_work, "cooperative": site_setting("COOPERATIVE")}
    return render(request, "pathways/receipt.html", context)


@require_POST
@require_role(*DAY_WORK_ROLES)
def put_in(request: HttpRequest) -> HttpResponseBase:
    day = _day(request)
    form = PutInForm(request.POST)
    if form.is_valid():
        try:
            workflow.put_in(
                day, form.cleaned_data["amount"], form.cleaned_data["note"], request.user
            )
        except ValidationError as refused:
            flash_refusal(request, refused)
        else:
            messages.success(request, _("The cash put in is recorded."))
    else:
        flash_errors(request, form)
    return _back(day)


@require_POST
@require_role(*DAY_WORK_ROLES)
def close_day(request: HttpRequest) -> HttpResponseBase:
    day = _day(request)
    form = ClosingForm(workflow.denominations(), request.POST)
    if form.is_valid():
        try:
            closing = workflow.close_day(
                day, form.counts(), form.cleaned_data["note"], request.user
            )
        except ValidationError as refused:
            flash_refusal(request, refused)
        else:
            counted = format_money(closing.counted_total)
            messages.success(
                request, _("The day is closed: counted %(counted)s.") % {"counted": counted}
            )
    else:
        flash_errors(request, form)
    return _back(day)


@require_role(*DAY_WORK_ROLES)
def day_workers(request: HttpRequest) -> HttpResponseBase:
    today = timezone.localdate()
    rows = [(w, (w.month_days, w.month_pay or 0)) for w in workflow.with_month(today)]
    return render(
        request,
        "pathways/day_workers.html",
        {"rows": rows, "limit": workflow.limit_on(today), "today": today},
    )


@require_POST
@require_role(*DAY_WORK_ROLES)
def take_on(request: HttpRequest, pk: int) -> HttpResponseBase:
    worker = get_object_or_404(DayWorker, pk=pk)
    try:
        trainee = workflow.take_on(worker, request.user)
    except ValidationError as refused:
        flash_refusal(request, refused)
        return redirect("pathways:day_workers")
    messages.success(request, _("%(name)s is an applicant now.") % {"name": trainee.full_name})
    return redirect("people:trainee_detail", trainee.pk)
