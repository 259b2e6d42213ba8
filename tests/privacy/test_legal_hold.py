"""Managers place and lift a legal hold on the trainee's data-protection page; nobody else."""

import pytest
from django.urls import reverse

from reintegra_coop.privacy.models import LegalHold, held_trainee_ids

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def test_a_manager_places_and_lifts_a_hold(client, personas):
    anna = personas.trainee_anna
    client.force_login(personas.manager)
    url = reverse("privacy:place_legal_hold", args=[anna.pk])
    page = client.post(url, {"reason": "Claim before the labour court"}, follow=True)
    assert "The legal hold is in place" in page.content.decode()
    hold = LegalHold.objects.get()
    assert hold.created_by == personas.manager and held_trainee_ids() == {anna.pk}
    client.post(reverse("privacy:lift_legal_hold", args=[hold.pk]))
    hold.refresh_from_db()
    assert hold.lifted_by == personas.manager and hold.lifted_at is not None
    assert held_trainee_ids() == set()
    assert hold.history.count() == 2


def test_a_hold_needs_a_reason(client, personas):
    client.force_login(personas.manager)
    client.post(
        reverse("privacy:place_legal_hold", args=[personas.trainee_anna.pk]), {"reason": ""}
    )
    assert not LegalHold.objects.exists()


def test_a_care_worker_neither_places_nor_sees_holds(client, personas):
    client.force_login(personas.care_worker)
    url = reverse("privacy:place_legal_hold", args=[personas.trainee_anna.pk])
    assert client.post(url, {"reason": "x"}).status_code == 403
    page = client.get(reverse("privacy:trainee", args=[personas.trainee_anna.pk])).content.decode()
    assert "Legal hold" not in page
