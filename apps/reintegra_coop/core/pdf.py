"""Documents as PDF: a template rendered with the cooperative's details (the seller on
invoices, the workplace on statements) and printed by WeasyPrint."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .sites import site_setting


def render_pdf(template: str, context: dict[str, Any], language: str | None = None) -> bytes:
    """The PDF of ``template``; ``language`` prints it in the reader's language."""
    from weasyprint import HTML  # imported here: loading pango takes a moment

    context = {
        "cooperative": site_setting("COOPERATIVE"),
        "currency": site_setting("CURRENCY"),
        **context,
    }
    with translation.override(language) if language else nullcontext():
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
