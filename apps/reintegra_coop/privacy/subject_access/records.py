"""Rows as plain values: for the JSON (codes, ISO dates, amounts as strings) and, the same rows,
for the PDF (labels and choices in words)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext


@dataclass
class Section:
    """The rows of one kind of record about the trainee."""

    key: str  # e.g. "work.worklog"
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    choices: dict[str, dict[Any, str]] = field(default_factory=dict)


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | dict | str | int | float | bool) or value is None:
        return value
    return str(value)


def section(
    model: type[Model], objects: Iterable[Model], exclude: Iterable[str] = (), title: str = ""
) -> Section:
    fields = [f for f in model._meta.concrete_fields if f.name not in set(exclude)]
    return Section(
        key=model._meta.label_lower,
        title=title or str(model._meta.verbose_name_plural).capitalize(),
        rows=[{f.name: plain(getattr(obj, f.attname)) for f in fields} for obj in objects],
        labels={f.name: str(f.verbose_name) for f in fields},
        choices={f.name: {k: str(v) for k, v in f.flatchoices} for f in fields if f.choices},
    )


def readable(value: Any, choices: dict[Any, str] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if choices and value in choices:
        return choices[value]
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return str(value)


def readable_rows(part: Section) -> list[list[tuple[str, str]]]:
    """Each row as (label, value in words) pairs, for the PDF."""
    return [
        [
            (part.labels.get(name, name), readable(value, part.choices.get(name)))
            for name, value in row.items()
        ]
        for row in part.rows
    ]
