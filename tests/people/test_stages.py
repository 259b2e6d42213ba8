import datetime

import pytest

from reintegra_coop.people.exceptions import InvalidTransitionError
from reintegra_coop.people.models import Stage, add_months
from tests.factories import TraineeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

DAY = datetime.date(2026, 1, 10)


def test_a_trainee_goes_through_the_programme_and_the_history_keeps_each_step(personas):
    trainee = TraineeFactory(
        stage=Stage.APPLICANT, stage_since=DAY, applied_on=DAY, participation_started_on=None
    )
    trainee.move_to(Stage.DIAGNOSIS, DAY + datetime.timedelta(days=5), by=personas.manager)
    trainee.move_to(Stage.TRIAL, datetime.date(2026, 1, 31), by=personas.manager)
    trainee.move_to(Stage.PARTICIPANT, datetime.date(2026, 3, 2), by=personas.manager)
    trainee.move_to(
        Stage.EXITED,
        datetime.date(2026, 6, 1),
        by=personas.manager,
        exit_reason="employment",
        note="Hired by the partner joinery",
    )
    history = [(c.from_stage, c.to_stage, c.on, c.created_by) for c in trainee.stage_changes.all()]
    assert history == [
        ("applicant", "diagnosis", datetime.date(2026, 1, 15), personas.manager),
        ("diagnosis", "trial", datetime.date(2026, 1, 31), personas.manager),
        ("trial", "participant", datetime.date(2026, 3, 2), personas.manager),
        ("participant", "exited", datetime.date(2026, 6, 1), personas.manager),
    ]
    assert trainee.participation_started_on == datetime.date(2026, 1, 31)
    assert trainee.planned_end_on == datetime.date(2027, 1, 30)
    assert (trainee.stage, trainee.exited_on, trainee.exit_reason) == (
        "exited",
        datetime.date(2026, 6, 1),
        "employment",
    )


@pytest.mark.parametrize(
    ("start", "target", "kwargs", "message"),
    [
        (Stage.APPLICANT, Stage.PARTICIPANT, {}, "cannot move from Applicant to Participant"),
        (Stage.EXITED, Stage.TRIAL, {}, "cannot move from Exited to Trial"),
        (Stage.PARTICIPANT, Stage.EXITED, {}, "An exit needs a reason"),
        (Stage.TRIAL, Stage.PARTICIPANT, {"exit_reason": "other"}, "Only an exit"),
        (Stage.TRIAL, "holiday", {}, "holiday is not a programme stage"),
    ],
)
def test_a_wrong_stage_change_is_refused_and_nothing_is_saved(start, target, kwargs, message):
    trainee = TraineeFactory(stage=start, stage_since=DAY)
    with pytest.raises(InvalidTransitionError, match=message):
        trainee.move_to(target, DAY, **kwargs)
    trainee.refresh_from_db()
    assert trainee.stage == start
    assert trainee.stage_changes.count() == 0


def test_a_change_cannot_be_dated_before_the_current_stage_began():
    trainee = TraineeFactory(stage=Stage.TRIAL, stage_since=DAY)
    with pytest.raises(InvalidTransitionError, match="cannot be before 2026-01-10"):
        trainee.move_to(Stage.PARTICIPANT, DAY - datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2026, 11, 15), 12, (2027, 11, 15)),
        ((2024, 2, 29), 12, (2025, 2, 28)),
        ((2026, 12, 1), 1, (2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(datetime.date(*day), months) == datetime.date(*expected)
