"""All payslips of a month as PDFs in one ZIP, made by the worker (core/background_jobs.py): the
pay period page queues it, shows how far it got, and offers the ZIP while it still matches the
month's payslips (a run, an approval or a reopening after it makes it out of date)."""

from __future__ import annotations

import datetime
import hashlib
import zipfile
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify
from django_tasks import task

from reintegra_coop.core import background_jobs
from reintegra_coop.core.models import BackgroundJob
from reintegra_coop.core.pdf import render_pdf
from reintegra_coop.core.sites import site_setting

from .labels import detail, label
from .models import PayPeriod, Payslip

KIND = "pay.payslips_zip"
FOLDER = "payslips"


def subject_of(month: datetime.date) -> str:
    return f"pay-period:{month:%Y-%m}"


def payslips_of(period: PayPeriod) -> QuerySet[Payslip]:
    return (
        Payslip.objects.current()
        .filter(period=period)
        .select_related("trainee", "period")
        .order_by("trainee__last_name", "trainee__first_name", "pk")
    )


def fingerprint(payslips: QuerySet[Payslip] | list[Payslip]) -> str:
    """What the ZIP was made from: each payslip, its total and whether it was approved."""
    rows = [f"{p.pk}:{p.version}:{p.total}:{p.approved_at}" for p in payslips]
    return hashlib.sha256("|".join(rows).encode()).hexdigest()


def render_payslip(payslip: Payslip) -> bytes:
    """The payslip's PDF, in the trainee's language."""
    return render_pdf(
        "pay/payslip_pdf.html",
        {"payslip": payslip, "lines": payslip.lines.all(), "label": label, "detail": detail},
        language=payslip.trainee.preferred_language or site_setting("LANGUAGE_CODE"),
    )


def file_name(payslip: Payslip) -> str:
    trainee = payslip.trainee
    name = slugify(f"{trainee.last_name} {trainee.first_name}") or "trainee"
    return f"payslip-{payslip.period.month:%Y-%m}-{name}-{trainee.pk}.pdf"


def start(period: PayPeriod, by: Any) -> BackgroundJob:
    """Queue the month's ZIP, unless one is being made already."""
    current = background_jobs.latest(KIND, subject_of(period.month))
    if current is not None and background_jobs.in_progress(current):
        return current
    return background_jobs.start(
        prepare_payslips, KIND, subject_of(period.month), by, {"month": f"{period.month:%Y-%m}"}
    )


def latest(period: PayPeriod) -> BackgroundJob | None:
    return background_jobs.latest(KIND, subject_of(period.month))


def up_to_date(job: BackgroundJob | None, period: PayPeriod) -> bool:
    """A ready ZIP made from the month's payslips as they are now."""
    return (
        job is not None
        and job.state == BackgroundJob.State.READY
        and bool(job.file)  # deleted after background_jobs.KEEP_FILES
        and job.facts.get("fingerprint") == fingerprint(payslips_of(period))
    )


def panel(period: PayPeriod) -> dict[str, Any]:
    """What the pay period page's panel shows: the latest ZIP job and where it stands."""
    job = latest(period)
    return {
        "period": period,
        "job": job,
        "in_progress": background_jobs.in_progress(job),
        "stalled": background_jobs.stalled(job),
        "up_to_date": up_to_date(job, period),
        "has_payslips": payslips_of(period).exists(),
    }


@task()
def prepare_payslips(job_id: int) -> str:
    with background_jobs.running(job_id) as progress:
        first = datetime.date.fromisoformat(progress.job.facts["month"] + "-01")
        payslips = list(payslips_of(PayPeriod.objects.get(month=first)))
        progress.advance(0, len(payslips))
        relative = f"{FOLDER}/payslips-{first:%Y-%m}-{job_id}.zip"
        target = Path(site_setting("MEDIA_ROOT")) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")  # never a half ZIP under its name
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                for done, payslip in enumerate(payslips, start=1):
                    archive.writestr(file_name(payslip), render_payslip(payslip))
                    progress.advance(done, len(payslips))
            partial.chmod(0o600)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        progress.finish(relative, {"fingerprint": fingerprint(payslips)})
    return relative
