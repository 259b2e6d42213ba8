"""Relapse pauses (DESIGN.md: "A relapse pauses participation; it does not end it"): the
trainee's own care workers record a pause and end it later, outside the back office. The
rules sit in the model: the end not before the start, no two pauses of a trainee overlapping,
a pause only in the trial or participation. Bad input is refused whole with the field named,
the history is kept, the reason is read only by the care team (each read logged), and a
manager sees on the trainee's page only that participation is paused, from when to when."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reintegra_coop.care.models import ClinicalRead, ParticipationPause
from reintegra_coop.core.roles import Role
from reintegra_coop.people.exceptions import InvalidTransitionError
from reintegra_coop.people.models import Stage
from tests.factories import (
    ParticipationPauseFactory,
    StaffMemberFactory,
    TraineeFactory,
    diagnosed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
NOV_2 = datetime.date(2026, 11, 2)
NOV_10 = datetime.date(2026, 11, 10)
REASON = "Relapse after the court hearing, detox at the district hospital"


def pause(trainee, starts_on=NOV_2, ends_on=NOV_10, reason=REASON, by=None):
    return ParticipationPauseFactory(
        trainee=trainee, starts_on=starts_on, ends_on=ends_on, reason=reason, by=by
    )


@pytest.fixture
def people(personas):
    """The personas, a care worker of Bartek only, and a care lead without Anna."""
    users = personas.all_users()
    users["other_care_worker"] = StaffMemberFactory(
        user__username="other.care", role=Role.CARE_WORKER, caseload=[personas.trainee_bartek]
    ).user
    users["care_lead"] = StaffMemberFactory(
        user__username="care.lead", role=Role.CARE_WORKER, care_lead=True
    ).user
    return users


@pytest.fixture
def anna_paused(personas):
    return pause(personas.trainee_anna, by=personas.care_worker)


def pages(anna_pk, record):
    return [
        reverse("care:pauses", args=[anna_pk]),
        reverse("care:pause", args=[anna_pk, record.pk]),
    ]


REFUSED = {
    "manager": 403,
    "garden_instructor": 403,
    "carpentry_instructor": 403,
    "accountant": 403,
    "trainee_anna": 403,
    "trainee_bartek": 403,
    "outsider": 403,
    "other_care_worker": 404,
    "care_lead": 404,
}


@pytest.mark.parametrize("persona", sorted(REFUSED))
def test_nobody_but_the_trainees_own_care_worker_opens_or_posts_the_pause_pages(
    client, personas, people, anna_paused, persona
):
    client.force_login(people[persona])
    data = {"starts_on": "2026-11-20", "ends_on": "2026-11-25", "reason": "x"}
    for url in pages(personas.trainee_anna.pk, anna_paused):
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code == REFUSED[persona], url
            assert REASON not in response.content.decode()
    assert not ClinicalRead.objects.exists()
    assert [(p.starts_on, p.ends_on) for p in ParticipationPause.objects.all()] == [(NOV_2, NOV_10)]


def test_a_logged_out_visitor_is_sent_to_log_in(client, personas, anna_paused):
    for url in pages(personas.trainee_anna.pk, anna_paused):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_another_trainees_pause_is_not_found_under_annas_address(client, personas):
    bartek = personas.trainee_bartek
    personas.care_worker.staff_member.caseload.add(bartek)
    theirs = pause(bartek, reason="Bartek's reason")
    client.force_login(personas.care_worker)
    url = reverse("care:pause", args=[personas.trainee_anna.pk, theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"starts_on": "2026-11-02", "ends_on": ""}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.ends_on == NOV_10


def test_the_care_worker_records_a_pause_and_ends_it_later_with_the_history_kept(client, personas):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    url = reverse("care:pauses", args=[anna.pk])
    response = client.post(url, {"starts_on": "2026-11-23", "ends_on": "", "reason": REASON})
    assert response.status_code == 302 and response["Location"] == url
    record = ParticipationPause.objects.get(trainee=anna)
    assert (record.starts_on, record.ends_on, record.reason) == (
        datetime.date(2026, 11, 23),
        None,
        REASON,
    )
    assert record.created_by == personas.care_worker
    edit = reverse("care:pause", args=[anna.pk, record.pk])
    assert edit in client.get(url).content.decode()  # the open pause links to its page
    response = client.post(
        edit, {"starts_on": "2026-11-23", "ends_on": "2026-12-01", "reason": REASON}
    )
    assert response.status_code == 302 and response["Location"] == url
    record.refresh_from_db()
    assert record.ends_on == datetime.date(2026, 12, 1)
    assert record.modified_by == personas.care_worker
    assert [h.ends_on for h in record.history.order_by("history_id")] == [
        None,
        datetime.date(2026, 12, 1),
    ]
    assert {h.history_user for h in record.history.all()} == {personas.care_worker}


# Bad input: refused whole, the field named, nothing saved.


@pytest.mark.parametrize(
    ("data", "label", "message"),
    [
        (
            {"starts_on": "2026-11-20", "ends_on": "2026-11-19"},
            "Ends on",
            "The end cannot be before the start.",
        ),
        (
            {"starts_on": "2026-11-09", "ends_on": "2026-11-15"},
            "Starts on",
            "Another pause of this trainee already covers these days",
        ),
        (
            {"starts_on": "2026-10-20", "ends_on": ""},  # open: runs into the pause of November
            "Starts on",
            "Another pause of this trainee already covers these days",
        ),
        (
            {"starts_on": "2026-07-20", "ends_on": "2026-07-25"},
            "Starts on",
            "before the participation started",
        ),
        ({"starts_on": "2026-13-45", "ends_on": ""}, "Starts on", "Enter a valid date."),
        ({"starts_on": "", "ends_on": ""}, "Starts on", "This field is required."),
    ],
)
def test_a_bad_pause_is_refused_with_the_field_named_and_nothing_saved(
    client, personas, anna_paused, data, label, message
):
    client.force_login(personas.care_worker)
    url = reverse("care:pauses", args=[personas.trainee_anna.pk])
    response = client.post(url, {**data, "reason": "Second relapse"})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<strong>{label}:</strong>" in page and message in page
    assert ParticipationPause.objects.count() == 1
    assert not ParticipationPause.objects.filter(reason="Second relapse").exists()


def test_a_pause_cannot_be_stretched_over_the_next_one(client, personas, anna_paused):
    anna = personas.trainee_anna
    earlier = pause(anna, datetime.date(2026, 10, 1), datetime.date(2026, 10, 5), "Earlier")
    client.force_login(personas.care_worker)
    url = reverse("care:pause", args=[anna.pk, earlier.pk])
    page = client.post(url, {"starts_on": "2026-10-01", "ends_on": ""}).content.decode()
    assert "<strong>Starts on:</strong>" in page and "already covers these days" in page
    earlier.refresh_from_db()
    assert (earlier.ends_on, earlier.reason) == (datetime.date(2026, 10, 5), "Earlier")
    assert earlier.history.count() == 1


@pytest.mark.parametrize("stage", [Stage.APPLICANT, Stage.DIAGNOSIS, Stage.GRADUATE, Stage.EXITED])
def test_a_pause_is_only_for_a_trainee_in_the_trial_or_participation(client, personas, stage):
    trainee = TraineeFactory(stage=stage, first_name="Celina")
    personas.care_worker.staff_member.caseload.add(trainee)
    client.force_login(personas.care_worker)
    response = client.post(
        reverse("care:pauses", args=[trainee.pk]), {"starts_on": "2026-11-23", "reason": "x"}
    )
    assert response.status_code == 200
    assert "only for a trainee in the trial or in participation" in response.content.decode()
    assert not ParticipationPause.objects.exists()


def test_a_trainee_in_the_trial_may_be_paused(client, personas):
    trainee = TraineeFactory(stage=Stage.TRIAL, participation_started_on=NOV_2)
    personas.care_worker.staff_member.caseload.add(trainee)
    client.force_login(personas.care_worker)
    response = client.post(
        reverse("care:pauses", args=[trainee.pk]), {"starts_on": "2026-11-23", "reason": "x"}
    )
    assert response.status_code == 302
    assert ParticipationPause.objects.get().trainee == trainee


def test_an_open_pause_is_ended_after_the_trainee_has_exited(client, personas):
    anna = personas.trainee_anna
    open_pause = pause(anna, ends_on=None)
    anna.move_to(Stage.EXITED, datetime.date(2026, 11, 30), personas.manager, "dropped_out")
    client.force_login(personas.care_worker)
    url = reverse("care:pause", args=[anna.pk, open_pause.pk])
    data = {"starts_on": "2026-11-02", "ends_on": "2026-11-30", "reason": REASON}
    assert client.post(url, data).status_code == 302
    open_pause.refresh_from_db()
    assert open_pause.ends_on == datetime.date(2026, 11, 30)


def test_the_model_refuses_an_overlap_on_every_path(personas, anna_paused):
    anna = personas.trainee_anna
    with pytest.raises(ValidationError) as refused:
        pause(anna, datetime.date(2026, 11, 10), None, "Again")
    assert "starts_on" in refused.value.message_dict
    pause(anna, datetime.date(2026, 11, 11), None, "The day after: no overlap")
    assert ParticipationPause.objects.count() == 2


def test_the_database_refuses_an_end_before_the_start(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationPause.objects.create(
            trainee=personas.trainee_anna, starts_on=NOV_10, ends_on=NOV_2
        )


def test_the_trial_a_pause_was_recorded_in_cannot_be_undone(personas):
    trainee = diagnosed(
        TraineeFactory(stage=Stage.DIAGNOSIS, stage_since=NOV_2, participation_started_on=None)
    )
    trainee.move_to(Stage.TRIAL, NOV_2, by=personas.manager)
    pause(trainee, NOV_10, None, "x")
    with pytest.raises(InvalidTransitionError, match="pause"):
        trainee.undo_stage_change(personas.manager, "Wrong trainee")
    trainee.refresh_from_db()
    assert trainee.stage == Stage.TRIAL


# The reason: the care team only, every read logged.


def test_every_read_of_a_pause_reason_is_logged(client, personas, anna_paused):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    assert REASON in client.get(reverse("care:pauses", args=[anna.pk])).content.decode()
    edit = reverse("care:pause", args=[anna.pk, anna_paused.pk])
    assert REASON in client.get(edit).content.decode()
    reads = ClinicalRead.objects.order_by("pk")
    assert [(r.reader, r.trainee, r.record) for r in reads] == [
        (personas.care_worker, anna, "pause"),
        (personas.care_worker, anna, "pause"),
    ]
    # A page with no reason on it is no read.
    anna_paused.reason = ""
    anna_paused.record(personas.care_worker)
    client.get(reverse("care:pauses", args=[anna.pk]))
    client.get(edit)
    assert ClinicalRead.objects.count() == 2


def test_the_pause_list_keeps_to_a_query_budget(
    client, personas, anna_paused, django_assert_max_num_queries
):
    anna = personas.trainee_anna
    for month in (8, 9, 10):
        day = datetime.date(2026, month, 10)
        pause(anna, day, day + datetime.timedelta(days=3), f"Relapse {month}", personas.manager)
    client.force_login(personas.care_worker)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("care:pauses", args=[anna.pk])).content.decode()
    assert page.count(reverse("care:pauses", args=[anna.pk])) >= 1
    assert "Relapse 8" in page and "Relapse 10" in page and REASON in page


def test_the_care_card_links_the_pauses_for_the_care_team_only(client, personas):
    anna = personas.trainee_anna
    link = reverse("care:pauses", args=[anna.pk])
    client.force_login(personas.care_worker)
    assert link in client.get(reverse("care:trainee_record", args=[anna.pk])).content.decode()
    for user in (personas.manager, personas.garden_instructor):
        client.force_login(user)
        assert (
            link not in client.get(reverse("care:trainee_record", args=[anna.pk])).content.decode()
        )


def test_a_manager_sees_that_participation_is_paused_but_not_why(client, personas):
    anna = personas.trainee_anna
    pause(anna, datetime.date(2026, 10, 1), datetime.date(2026, 10, 5), "First relapse")
    pause(anna, datetime.date(2026, 11, 23), None, REASON)
    url = reverse("people:trainee_detail", args=[anna.pk])
    client.force_login(personas.manager)
    page = client.get(url).content.decode()
    assert "Participation pause" in page
    assert "01/10/2026 – 05/10/2026" in page and "since 23/11/2026" in page
    assert REASON not in page and "First relapse" not in page
    assert not ClinicalRead.objects.exists()
    # Care workers see the dates there too (the reason on the care pages); the instructor and
    # the accountant do not see the pauses at all.
    client.force_login(personas.care_worker)
    page = client.get(url).content.decode()
    assert "since 23/11/2026" in page and REASON not in page
    for user in (personas.garden_instructor, personas.accountant):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "Participation pause" not in page and "23/11/2026" not in page


def test_a_care_worker_reading_a_pause_in_the_back_office_is_logged(client, personas, anna_paused):
    client.force_login(personas.care_worker)
    url = reverse("admin:care_participationpause_change", args=[anna_paused.pk])
    assert REASON in client.get(url).content.decode()
    assert ClinicalRead.objects.get().record == "pause"
    client.force_login(personas.manager)
    assert REASON not in client.get(url).content.decode()
    assert ClinicalRead.objects.count() == 1
