"""The disclosure log: every print or export of a trainee's data is one row. The printing areas
announce it through core/disclosure.py; this writes the row."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import DisclosureLog

#: what the document codes read as on the log page
DOCUMENTS = {
    "subject_access_export": _("Subject-access export (PDF and JSON)"),
    "payslip": _("Payslip"),
    "login_card": _("Login card"),
    "social_contract": _("Social contract"),
    "community_service_statement": _("Community-service statement"),
    "payslips_zip": _("All payslips of the month (ZIP)"),
    "pay_month_csv": _("Pay month export (CSV)"),
    "rent_month": _("Rent statements of the month (CSV, XLSX)"),
    "hours_month": _("Hours of the month by trainee and workshop (CSV, XLSX)"),
    "referral": _("Referral to a partner organisation"),
}


def log_disclosure(
    sender: Any,
    by: Any,
    trainee_id: int,
    document: str,
    reference: str = "",
    recipient: str = "",
    **kwargs: Any,
) -> DisclosureLog:
    return DisclosureLog.objects.create(
        disclosed_by=by if getattr(by, "pk", None) else None,
        trainee_id=trainee_id,
        document=document,
        reference=reference[:100],
        recipient=recipient[:200],
    )


def log_disclosures_together(
    sender: Any,
    by: Any,
    trainee_ids: list[int],
    document: str,
    reference: str = "",
    recipient: str = "",
    **kwargs: Any,
) -> None:
    DisclosureLog.objects.bulk_create(
        DisclosureLog(
            disclosed_by=by if getattr(by, "pk", None) else None,
            trainee_id=trainee_id,
            document=document,
            reference=reference[:100],
            recipient=recipient[:200],
        )
        for trainee_id in trainee_ids
    )


def document_name(code: str) -> str:
    return str(DOCUMENTS.get(code, code))


def disclosures_of(trainee_id: int | None) -> QuerySet[DisclosureLog]:
    rows = DisclosureLog.objects.select_related("disclosed_by", "trainee")
    return rows.filter(trainee_id=trainee_id) if trainee_id else rows
