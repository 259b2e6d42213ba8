"""Rows as plain values: for the JSON (codes, ISO dates, amounts as strings) and, the same rows,
for the PDF (labels and choices in words)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from reintegra_coop.core.formatting import format_day, format_moment


@dataclass
class Section:
    """The rows of one kind of record about the trainee."""

    key: str  # e.g. "work.worklog"
    title: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    choices: dict[str, dict[Any, str]] = field(default_factory=dict)
    #: the fields that name a login (created by, recorded by): named in words in the PDF
    login_fields: list[str] = field(default_factory=list)


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
        labels={f.name: capfirst(str(f.verbose_name)) for f in fields},
        choices={f.name: {k: str(v) for k, v in f.flatchoices} for f in fields if f.choices},
        login_fields=[f.name for f in fields if f.related_model is get_user_model()],
    )


def name_logins(parts: list[Section]) -> None:
    """Put the usernames behind the login ids of every part (one query), for the PDF."""
    ids = {
        row[name] for part in parts for name in part.login_fields for row in part.rows if row[name]
    }
    if not ids:
        return
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    for part in parts:
        for name in part.login_fields:
            part.choices[name] = names


def readable(value: Any, choices: dict[Any, str] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if choices and value in choices:
        return choices[value]
    if isinstance(value, list):
        return ", ".join(readable(item) for item in value) or "—"
    if isinstance(value, str):
        return _moment(value) or value
    return str(value)


def _moment(text: str) -> str:
    """An ISO date or date and time in words of the reader's locale; "" if ``text`` is none."""
    if not text[:1].isdigit() or not 10 <= len(text) <= 32 or text[4:5] != "-":
        return ""
    try:
        if len(text) == 10:
            return format_day(datetime.date.fromisoformat(text))
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return ""
    if timezone.is_naive(moment):
        return ""
    return format_moment(moment)


def readable_rows(part: Section) -> list[list[tuple[str, str]]]:
    """Each row as (label, value in words) pairs, for the PDF."""
    return [
        [
            (part.labels.get(name, name), readable(value, part.choices.get(name)))
            for name, value in row.items()
        ]
        for row in part.rows
    ]
