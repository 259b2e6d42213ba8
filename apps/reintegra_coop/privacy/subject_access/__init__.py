"""A trainee's subject-access export (GDPR art. 15): one ZIP with ``export.json`` (every record
held about them, machine-readable) and ``export.pdf`` (the same, to read). Each export is in the
disclosure log."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone

from reintegra_coop.core.disclosure import disclose
from reintegra_coop.core.pdf import render_pdf
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.sites import site_setting
from reintegra_coop.people.models import Trainee

from ..permissions import exports_care_data
from .gather import everything_about, log_care_reads
from .records import name_logins, readable_rows

DOCUMENT = "subject_access_export"


def export_zip(trainee: Trainee, by: Any, recipient: str) -> bytes:
    """The ZIP for ``trainee``, made by ``by`` for ``recipient`` (to whom, what for)."""
    with_care = exports_care_data(by, trainee)
    now = timezone.now()
    with transaction.atomic():
        # This export is itself a disclosure, and the trainee is told of it in it.
        disclose(by, trainee.pk, DOCUMENT, reference=f"{now:%Y-%m-%d %H:%M}", recipient=recipient)
        if with_care:
            log_care_reads(trainee, by)
        parts = everything_about(trainee, with_care, with_holds=role_of(by) == Role.MANAGER)
    data = {
        "trainee": trainee.pk,
        "exported_at": now.isoformat(),
        "exported_by": by.get_username(),
        "recipient": recipient,
        "includes_care_data": with_care,
        "records": {part.key: part.rows for part in parts},
    }
    name_logins(parts)
    pdf = render_pdf(
        "privacy/export_pdf.html",
        {
            "trainee": trainee,
            "exported_at": timezone.localtime(now),
            "with_care": with_care,
            "parts": [(part, readable_rows(part)) for part in parts],
        },
        language=trainee.preferred_language or site_setting("LANGUAGE_CODE"),
    )
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("export.json", json.dumps(data, ensure_ascii=False, indent=2))
        zipped.writestr("export.pdf", pdf)
    return archive.getvalue()


def export_filename(trainee: Trainee) -> str:
    return f"subject-access-{trainee.pk}-{timezone.localdate():%Y-%m-%d}.zip"
