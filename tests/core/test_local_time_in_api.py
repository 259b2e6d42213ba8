"""The API writes every stored moment in the site's time zone with its offset (issue 17): a
dispute raised at 07:00 UTC in December reads 08:00+01:00 in Warsaw, at 06:00 UTC in July
08:00+02:00; the schema says so."""

import datetime

import pytest

from tests.factories import work

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.mark.clock("2026-12-07T10:00")
@pytest.mark.parametrize(
    ("disputed_at", "shown"),
    [
        (datetime.datetime(2026, 12, 1, 7, 0, tzinfo=UTC), "2026-12-01T08:00:00+01:00"),
        (datetime.datetime(2026, 7, 1, 6, 0, tzinfo=UTC), "2026-07-01T08:00:00+02:00"),
        # the night the clocks go back: 00:30 and 01:30 UTC are both 02:30 in Warsaw
        (datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2026-10-25T02:30:00+02:00"),
        (datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "2026-10-25T02:30:00+01:00"),
    ],
)
def test_a_moment_reads_in_the_sites_zone_with_its_offset(client, personas, disputed_at, shown):
    log = work(personas.trainee_anna, personas.garden, datetime.date(2026, 11, 2))
    log.disputed_at = disputed_at
    log.save(update_fields=["disputed_at"])
    client.force_login(personas.manager)
    assert client.get(f"/api/work-logs/{log.pk}/").json()["disputed_at"] == shown


def test_the_schema_says_moments_carry_the_sites_offset(client, personas):
    client.force_login(personas.manager)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    assert "site's time zone" in text and "+01:00" in text
