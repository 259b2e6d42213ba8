"""Writing many rows' history (django-simple-history) in one statement per batch.

simple-history's bulk helpers build one INSERT parameter per field and row and one CASE per
row: for a month's thousands of work logs that takes a minute. ``update_with_history`` writes
the rows with one UPDATE and copies them into the history table with one INSERT … SELECT per
batch, in the database, the same columns simple-history would write: an update that cannot
skip the history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

BATCH = 900  # ids per statement: under SQLite's limit of parameters


def batches(ids: Sequence[int], size: int = BATCH) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def copy_into_history(
    model: type[Model],
    ids: Iterable[int],
    user: Any,
    reason: str,
    when: datetime.datetime,
    history_type: str = "~",
) -> None:
    """Add a history row for each of the rows ``ids`` of ``model``, as they are now."""
    history = model.history.model  # type: ignore[attr-defined]
    own = {field.attname for field in model._meta.concrete_fields}
    copied = [f.column for f in history._meta.concrete_fields if f.attname in own]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in copied)
    extra = ", ".join(
        quote(c)
        for c in ("history_date", "history_change_reason", "history_type", "history_user_id")
    )
    user_id = getattr(user, "pk", None)
    with connection.cursor() as cursor:
        for chunk in batches(list(ids)):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {extra}) "  # noqa: S608
                f"SELECT {columns}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({marks})",
                [when, reason[:100], history_type, user_id, *chunk],
            )


def update_with_history(
    model: type[Model],
    ids: Sequence[int],
    values: dict[str, Any],
    user: Any,
    reason: str,
    when: datetime.datetime | None = None,
) -> None:
    """Set ``values`` on the rows ``ids`` of ``model`` (and who and when, for a tracked model)
    and add each row's history entry with ``user`` and ``reason``."""
    when = when or timezone.now()
    user = user if getattr(user, "pk", None) else None
    stamps = {"modified_at": when, "modified_by": user}
    fields = {f.name for f in model._meta.concrete_fields}
    values = {**values, **{k: v for k, v in stamps.items() if k in fields}}
    for chunk in batches(list(ids)):
        model._default_manager.filter(pk__in=chunk).update(**values)
    copy_into_history(model, ids, user, reason, when)
