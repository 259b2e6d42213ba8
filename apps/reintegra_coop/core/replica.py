"""Report pages may read from a read replica of the site's database (site_config.toml
[database] reports_url), so that long exports do not compete with the crew sheets and the portal
on the primary. Only the views marked ``@reads_from_replica`` do, and only their reads: every
write, and every page that writes and then reads back, stays on the primary. Without a replica
the mark does nothing.

A replica may lag the primary by a moment, which an export of last month does not notice; a
page that must show what was saved a second ago is not a report and is not marked.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

REPORTS = "reports"
_reading_reports: ContextVar[bool] = ContextVar("reading_reports", default=False)

View = Callable[..., HttpResponseBase]


def reads_from_replica(view: View) -> View:
    @wraps(view)
    def on_the_replica(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Who is asking is read from the primary, before the switch: a login just closed must
        # not pass for a moment on a replica that has not heard of it yet.
        _load_the_user(request)
        marker = _reading_reports.set(True)
        try:
            return view(request, *args, **kwargs)
        finally:
            _reading_reports.reset(marker)

    return on_the_replica


def _load_the_user(request: HttpRequest) -> object:
    return getattr(getattr(request, "user", None), "pk", None)


class ReportsRouter:
    """DATABASE_ROUTERS: the replica for the reads of a marked view, the primary otherwise."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _reading_reports.get() and REPORTS in settings.DATABASES:
            return REPORTS
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return None

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPORTS else None  # the replica copies the primary's schema
