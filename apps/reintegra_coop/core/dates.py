"""Dates people type: a day and a month, within a plausible window.

A cooperative's records live between 2000 and 2100; a date outside that window is a typing
mistake (or a probe) and is refused with the field named, in our forms, the back office and the
API alike (the model field carries the rule)."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def plausible_date(value: datetime.date) -> None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="implausible_date",
            params={"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
        )


class PlausibleDateField(models.DateField):
    """A model's date: refused outside 2000–2100 wherever it is entered."""

    default_validators = [plausible_date]


# A day typed in a browser's date picker; its value is written as the picker reads it.
DAY_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DayField(forms.DateField):
    """A form's date (YYYY-MM-DD), within the window."""

    default_validators = [plausible_date]


class MonthField(forms.CharField):
    """A month written YYYY-MM; cleaned to its first day."""

    default_error_messages = {
        "invalid": _("Write the month as YYYY-MM, e.g. 2026-11."),
    }

    def to_python(self, value: Any) -> datetime.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        return parse_month(text)

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        if value is not None:
            plausible_date(value)


def parse_period(text: str) -> datetime.date:
    """ "2026-11" → 1 November 2026, for the command line: ValueError with a clear message."""
    try:
        return parse_month(text)
    except ValidationError as error:
        if error.code == "implausible_date":
            raise ValueError(
                f"{text!r} is outside the months we keep ({EARLIEST:%Y-%m} to {LATEST:%Y-%m})."
            ) from None
        raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2026-11.") from None


def parse_month(text: str) -> datetime.date:
    """ "2026-11" → 1 November 2026; ValidationError (with the same words everywhere)
    otherwise."""
    parts = text.strip().split("-")
    if len(parts) == 2 and all(part.isdigit() for part in parts):
        year, month = int(parts[0]), int(parts[1])
        if 1 <= month <= 12 and 1 <= year <= 9999:
            first = datetime.date(year, month, 1)
            plausible_date(first)
            return first
    raise ValidationError(MonthField.default_error_messages["invalid"], code="invalid")


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of ``day``'s month."""
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def next_month(first: datetime.date) -> datetime.date:
    return (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def months(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    """The first days of the months from ``first``'s to ``last``'s, both included."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = next_month(month)
