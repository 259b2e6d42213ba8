import datetime
import subprocess

import pytest
from django.urls import reverse

from reintegra_coop.care.models import CommunityServiceOrder
from reintegra_coop.work.models import WorkLog

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def test_progress_comes_from_approved_community_service_logs_and_prints_a_statement(
    client, personas
):
    anna = personas.trainee_anna
    order = CommunityServiceOrder.objects.create(
        trainee=anna,
        court_reference="II K 123/26",
        total_hours=60,
        start=datetime.date(2026, 10, 1),
        deadline=datetime.date(2027, 3, 31),
    )
    for day, end in ((5, 14), (6, 12)):  # October: 6 h + 4 h = 10 h (below 20)
        WorkLog.objects.create(
            trainee=anna,
            workshop=personas.garden,
            date=datetime.date(2026, 10, day),
            start=datetime.time(8),
            end=datetime.time(end),
            work_type="community_service",
            status="approved",
        )
    WorkLog.objects.create(
        trainee=anna,
        workshop=personas.garden,
        date=datetime.date(2026, 10, 7),
        start=datetime.time(8),
        end=datetime.time(14),
        status="approved",
    )  # paid work
    client.force_login(personas.care_worker)
    page = client.get(reverse("care:service_orders")).content.decode()
    assert "10 h / 60 h" in page and "October 2026: below the monthly minimum" in page
    pdf = client.get(reverse("care:service_statement", args=[order.pk]))
    assert pdf.content.startswith(b"%PDF")
    polish = client.get(
        reverse("care:service_statement", args=[order.pk]), HTTP_ACCEPT_LANGUAGE="pl"
    )
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=polish.content, capture_output=True, check=True
    ).stdout.decode()
    # named months and hours as durations, never "2026-10" and "10.00"
    assert "październik 2026" in text and "Pozostało: 50 h" in text and "10.00" not in text
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("care:service_orders")).status_code == 403


def test_the_rent_page_lists_arrears(client, personas):
    from decimal import Decimal

    from reintegra_coop.housing.models import HousingUnit, Tenancy

    unit = HousingUnit.objects.create(
        name="Shelter bed 3", level="shelter", monthly_rent=Decimal("300")
    )
    Tenancy.objects.create(
        trainee=personas.trainee_anna,
        unit=unit,
        start=datetime.date(2026, 11, 1),
        share_fixed=Decimal("120.00"),
    )
    client.force_login(personas.manager)
    page = client.get(reverse("housing:rent"), {"period": "2026-11"}).content.decode()
    assert "Shelter bed 3" in page and "Arrears (1)" in page
