"""A refusal shown where the person can act on it: a workflow's ValidationError on the form,
under the field it names; a form posted from a page that shows several, as messages naming
each field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def flash_errors(request: HttpRequest, form: Any) -> None:
    """A form posted from a page that shows several: its errors, each naming its field, go
    back with the page."""
    for field, errors in form.errors.items():
        text = " ".join(str(error) for error in errors)
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {text}" if label else text)


def flash_refusal(request: HttpRequest, refused: ValidationError) -> None:
    """A workflow's refusal of a button on a page (no form to show it on), as messages."""
    for message in refused.messages:
        messages.error(request, message)


def show_refusal(form: BaseForm, refused: ValidationError) -> None:
    """Put a workflow's refusal on the form, on its field where it names one (Django's own
    ``add_error`` would stop at a field the form does not have)."""
    if hasattr(refused, "error_dict"):
        for field, errors in refused.error_dict.items():
            known = field if field in form.fields else None
            for error in errors:
                form.add_error(known, error)
    else:
        form.add_error(None, refused)
