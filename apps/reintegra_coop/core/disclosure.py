"""Telling the disclosure log that a person's data left the system: a document about a trainee
was printed or exported (DESIGN.md, "Keeping data": who exported or printed whose data is
logged). The areas that print call ``disclose``; the privacy area, on a floor above them,
keeps the log (privacy/apps.py connects to ``disclosed`` at start-up)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.dispatch import Signal

#: sent with by (the user), trainee_id, document (a code, e.g. "payslip"), reference (which
#: one, e.g. "2026-11") and recipient (to whom or what for; empty: printed for the trainee)
disclosed = Signal()
#: the same for one document about many trainees (a month's payslips): trainee_ids, a list
disclosed_together = Signal()


def disclose(
    by: Any, trainee_id: int, document: str, reference: str = "", recipient: str = ""
) -> None:
    disclosed.send(
        sender=document,
        by=by,
        trainee_id=trainee_id,
        document=document,
        reference=reference,
        recipient=recipient,
    )


def disclose_together(
    by: Any, trainee_ids: Iterable[int], document: str, reference: str = "", recipient: str = ""
) -> None:
    """One file with many trainees' data (a month's payslips ZIP, the pay month's CSV): a row
    for each trainee in it."""
    disclosed_together.send(
        sender=document,
        by=by,
        trainee_ids=sorted(set(trainee_ids)),
        document=document,
        reference=reference,
        recipient=recipient,
    )
