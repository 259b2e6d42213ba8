"""Report pages read from the read replica when the site has one (core/replica.py)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse

from reintegra_coop.core.replica import REPORTS, ReportsRouter, reads_from_replica


def test_the_replica_is_never_migrated_and_the_primary_is_left_to_the_defaults():
    router = ReportsRouter()
    assert router.allow_migrate(REPORTS, "orders") is False
    assert router.allow_migrate("default", "orders") is None


def test_writes_go_to_the_primary_and_reads_outside_a_report_page_too():
    router = ReportsRouter()
    assert router.db_for_write(User) is None
    assert router.db_for_read(User) is None


def test_a_report_page_of_a_site_without_a_replica_reads_from_the_primary():
    seen: list[str | None] = []

    @reads_from_replica
    def report(request: HttpRequest) -> HttpResponse:
        seen.append(ReportsRouter().db_for_read(User))
        return HttpResponse("ok")

    assert report(HttpRequest()).status_code == 200
    assert seen == [None]
