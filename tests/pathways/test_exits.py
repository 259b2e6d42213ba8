"""Exits and follow-ups: every exit gets its destination and three follow-up contacts (4 weeks,
3 months, 6 months), due on the care worker's home page; an undone exit takes them away; the
contact records work and housing then. Managers exit; managers and the trainee's care workers
keep the rest."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from reintegra_coop.pathways.models import Exit, FollowUp
from reintegra_coop.people.models import Stage
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def exit_form(**changes):
    return {
        "exited_on": "2026-11-23",
        "reason": "employment",
        "employer": "",
        "employer_name": "",
        "contract": "fixed_term",
        "work_status": "in_work",
        "housing": "own_home",
        "note": "",
        **changes,
    }


def test_a_manager_exits_a_trainee_into_work_with_three_follow_ups(client, personas):
    anna = personas.trainee_anna
    joinery = OrganisationFactory(name="Stolarnia Dąb")
    client.force_login(personas.manager)
    url = reverse("pathways:exit_trainee", args=[anna.pk])
    response = client.post(url, exit_form(employer=joinery.pk))
    exit_record = Exit.objects.get()
    assert response["Location"] == reverse("pathways:exit", args=[exit_record.pk])
    anna.refresh_from_db()
    assert (anna.stage, anna.exit_reason) == (Stage.EXITED, "employment")
    assert (exit_record.employer, exit_record.contract, exit_record.housing) == (
        joinery,
        "fixed_term",
        "own_home",
    )
    assert list(exit_record.follow_ups.values_list("point", "due_on")) == [
        ("four_weeks", datetime.date(2026, 12, 21)),
        ("three_months", datetime.date(2027, 2, 23)),
        ("six_months", datetime.date(2027, 5, 23)),
    ]


def test_a_destination_that_contradicts_itself_is_refused_and_nothing_changes(client, personas):
    anna = personas.trainee_anna
    client.force_login(personas.manager)
    url = reverse("pathways:exit_trainee", args=[anna.pk])
    page = client.post(url, exit_form(reason="dropped_out", work_status="not_in_work"))
    assert "A contract goes with work at exit." in page.content.decode()
    anna.refresh_from_db()
    assert anna.stage == Stage.PARTICIPANT and not Exit.objects.exists()


def test_an_exit_from_the_trainees_page_gets_follow_ups_and_an_undo_takes_them_away(
    client, personas
):
    bartek = personas.trainee_bartek
    change = bartek.move_to(
        Stage.EXITED, datetime.date(2026, 10, 1), by=personas.manager, exit_reason="dropped_out"
    )
    exit_record = Exit.objects.get(stage_change=change)
    assert exit_record.work_status == "unknown" and exit_record.follow_ups.count() == 3
    client.force_login(personas.manager)
    home = client.get(reverse("core:home"), follow=True).content.decode()
    assert "follow-up contact is due" in home  # 4 weeks after 1 October
    bartek.undo_stage_change(personas.manager, "Exited by mistake.")
    exit_record.refresh_from_db()
    assert exit_record.cancelled_at is not None
    home = client.get(reverse("core:home"), follow=True).content.decode()
    assert "contact is due" not in home and "contacts are due" not in home


def test_the_care_worker_records_a_due_follow_up_for_their_caseload(client, personas):
    anna = personas.trainee_anna
    anna.move_to(
        Stage.EXITED, datetime.date(2026, 11, 23), by=personas.manager, exit_reason="employment"
    )
    four_weeks = FollowUp.objects.get(point="four_weeks")
    with time_machine.travel(datetime.datetime(2026, 12, 22, 10, tzinfo=datetime.UTC)):
        client.force_login(personas.care_worker)  # a month later: a new login
        home = client.get(reverse("core:home"), follow=True).content.decode()
        assert "1 follow-up contact is due" in " ".join(re.sub(r"<[^>]+>", " ", home).split())
        url = reverse("pathways:record_follow_up", args=[four_weeks.pk])
        prefix = f"f{four_weeks.pk}-"
        early = {
            f"{prefix}contacted_on": "2026-11-01",
            f"{prefix}reached": "1",
            f"{prefix}work_status": "in_work",
            f"{prefix}housing": "own_home",
        }
        page = client.post(url, early, follow=True).content.decode()
        assert "The contact cannot be before the exit." in page
        ok = {**early, f"{prefix}contacted_on": "2026-12-22"}
        client.post(url, ok)
        four_weeks.refresh_from_db()
        assert (four_weeks.contacted_on, four_weeks.work_status, four_weeks.housing) == (
            datetime.date(2026, 12, 22),
            "in_work",
            "own_home",
        )
        home = client.get(reverse("core:home"), follow=True).content.decode()
        assert "contact is due" not in home and "contacts are due" not in home


def test_someone_not_reached_is_recorded_with_their_status_not_known(client, personas):
    anna = personas.trainee_anna
    anna.move_to(Stage.EXITED, datetime.date(2026, 11, 2), by=personas.manager, exit_reason="other")
    follow_up = FollowUp.objects.get(point="four_weeks")
    client.force_login(personas.manager)
    prefix = f"f{follow_up.pk}-"
    ahead = {
        f"{prefix}contacted_on": "2026-11-30",
        f"{prefix}reached": "1",
        f"{prefix}work_status": "in_work",
        f"{prefix}housing": "own_home",
    }
    url = reverse("pathways:record_follow_up", args=[follow_up.pk])
    page = client.post(url, ahead, follow=True).content.decode()
    assert "The contact cannot be in the future." in page
    client.post(
        url,
        {
            f"{prefix}contacted_on": "2026-11-23",
            f"{prefix}reached": "0",
            f"{prefix}work_status": "in_work",
            f"{prefix}housing": "own_home",
        },
    )
    follow_up.refresh_from_db()
    assert (follow_up.reached, follow_up.work_status, follow_up.housing) == (
        False,
        "unknown",
        "unknown",
    )


def test_who_may_exit_and_follow_up(client, personas):
    anna, bartek = personas.trainee_anna, personas.trainee_bartek
    for trainee in (anna, bartek):
        trainee.move_to(
            Stage.EXITED, datetime.date(2026, 11, 2), by=personas.manager, exit_reason="other"
        )
    anna_exit, bartek_exit = Exit.objects.get(trainee=anna), Exit.objects.get(trainee=bartek)
    client.force_login(personas.care_worker)
    assert client.get(reverse("pathways:exit", args=[anna_exit.pk])).status_code == 200
    assert client.get(reverse("pathways:exit", args=[bartek_exit.pk])).status_code == 404
    listed = client.get(reverse("pathways:follow_ups")).content.decode()
    assert "Anna Garden" in listed and "Bartek Carpenter" not in listed
    bartek_follow_up = bartek_exit.follow_ups.first()
    post = client.post(reverse("pathways:record_follow_up", args=[bartek_follow_up.pk]), {})
    assert post.status_code == 404
    assert client.get(reverse("pathways:exit_trainee", args=[anna.pk])).status_code == 403
    for who in ("garden_instructor", "accountant", "trainee_anna", "outsider"):
        user = getattr(personas, who)
        client.force_login(getattr(user, "user", user))
        assert client.get(reverse("pathways:exit", args=[anna_exit.pk])).status_code == 403
        assert client.get(reverse("pathways:follow_ups")).status_code == 403


def test_a_follow_up_is_not_recorded_long_before_it_is_due(client, personas):
    """A call on the day of the exit is not the contact "6 months after the exit"."""
    personas.trainee_anna.move_to(
        Stage.EXITED, datetime.date(2026, 11, 23), by=personas.manager, exit_reason="employment"
    )
    six_months = FollowUp.objects.get(point="six_months")
    with pytest.raises(
        Exception, match="This follow-up is due on 2027-05-23: record it from 2027-05-16"
    ):
        six_months.record(
            datetime.date(2026, 11, 23), True, "in_work", "own_home", "", personas.manager
        )
    six_months.refresh_from_db()
    assert six_months.contacted_on is None


def test_no_exit_ahead_and_no_follow_up_on_an_undone_exit(client, personas):
    anna = personas.trainee_anna
    client.force_login(personas.manager)
    url = reverse("pathways:exit_trainee", args=[anna.pk])
    page = client.post(url, exit_form(exited_on="2027-03-01")).content.decode()
    assert "An exit is recorded on the day, not ahead." in page
    change = anna.move_to(
        Stage.EXITED, datetime.date(2026, 10, 1), by=personas.manager, exit_reason="other"
    )
    anna.undo_stage_change(personas.manager, "A mistake.")
    four_weeks = FollowUp.objects.get(exit__stage_change=change, point="four_weeks")
    with pytest.raises(Exception, match="The exit was undone"):
        four_weeks.record(datetime.date(2026, 10, 29), True, "in_work", "own_home", "", None)
