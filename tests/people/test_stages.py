import datetime
from decimal import Decimal

import pytest

from reintegra_coop.housing import ledger
from reintegra_coop.pay import period as pay_period
from reintegra_coop.pay.models import PayPeriod, Payslip
from reintegra_coop.people.exceptions import InvalidTransitionError
from reintegra_coop.people.models import Stage, Trainee, add_months
from reintegra_coop.people.scoping import visible_trainees
from tests.factories import (
    NOVEMBER,
    DiagnosisFactory,
    PaySchemeFactory,
    RentPaymentFactory,
    TenancyFactory,
    TraineeFactory,
    diagnosed,
    work,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

DAY = datetime.date(2026, 1, 10)


def test_a_trainee_goes_through_the_programme_and_the_history_keeps_each_step(personas):
    trainee = TraineeFactory(
        stage=Stage.APPLICANT, stage_since=DAY, applied_on=DAY, participation_started_on=None
    )
    diagnosed(trainee)
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
    trainee = diagnosed(TraineeFactory(stage=start, stage_since=DAY))
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


@pytest.mark.parametrize("target", [Stage.TRIAL, Stage.PARTICIPANT])
def test_the_trial_and_participation_need_three_positive_diagnoses(personas, target):
    start = Stage.DIAGNOSIS if target == Stage.TRIAL else Stage.TRIAL
    trainee = TraineeFactory(stage=start, stage_since=DAY)
    DiagnosisFactory(trainee=trainee, by_role="psychologist")
    DiagnosisFactory(trainee=trainee, by_role="social_worker", recommends=False)
    with pytest.raises(InvalidTransitionError) as refused:
        trainee.move_to(target, DAY, by=personas.manager)
    assert "missing: Social worker, Vocational counsellor." in str(refused.value)
    trainee.refresh_from_db()
    assert (trainee.stage, trainee.stage_changes.count()) == (start, 0)


def test_a_trainee_with_three_positive_diagnoses_starts_the_trial(personas):
    trainee = diagnosed(TraineeFactory(stage=Stage.DIAGNOSIS, stage_since=DAY))
    trainee.move_to(Stage.TRIAL, DAY, by=personas.manager)
    assert trainee.stage == Stage.TRIAL


def test_a_manager_undoes_the_last_change_with_a_reason_and_the_history_keeps_it(personas):
    applied = datetime.date(2026, 1, 2)
    trainee = diagnosed(
        TraineeFactory(
            stage=Stage.APPLICANT,
            stage_since=applied,
            applied_on=applied,
            participation_started_on=None,
        )
    )
    trainee.move_to(Stage.DIAGNOSIS, DAY, by=personas.manager)
    trainee.move_to(Stage.TRIAL, DAY + datetime.timedelta(days=14), by=personas.manager)
    undone = trainee.undo_stage_change(personas.manager, "Wrong trainee picked")
    assert (trainee.stage, trainee.stage_since) == (Stage.DIAGNOSIS, DAY)
    assert (trainee.participation_started_on, trainee.planned_end_on) == (None, None)
    assert (undone.undone_by, undone.undo_reason) == (personas.manager, "Wrong trainee picked")
    assert undone.undone_at is not None
    assert trainee.stage_changes.count() == 2  # kept, marked undone
    trainee.undo_stage_change(personas.manager, "Not diagnosed yet either")
    assert (trainee.stage, trainee.stage_since) == (Stage.APPLICANT, applied)


def test_undoing_an_exit_brings_the_participant_back(personas):
    trainee = TraineeFactory(stage=Stage.PARTICIPANT, stage_since=DAY)
    trainee.move_to(Stage.EXITED, DAY, by=personas.manager, exit_reason="dropped_out")
    trainee.undo_stage_change(personas.manager, "He came back the next morning")
    assert (trainee.stage, trainee.exited_on, trainee.exit_reason) == (
        Stage.PARTICIPANT,
        None,
        "",
    )


@pytest.mark.parametrize(
    ("who", "reason", "message"),
    [
        ("care_worker", "Mistake", "Only a manager may undo"),
        ("garden_instructor", "Mistake", "Only a manager may undo"),
        ("manager", "   ", "Say why"),
    ],
)
def test_an_undo_needs_a_manager_and_a_reason(personas, who, reason, message):
    trainee = TraineeFactory(stage=Stage.PARTICIPANT, stage_since=DAY)
    trainee.move_to(Stage.GRADUATE, DAY, by=personas.manager)
    with pytest.raises(InvalidTransitionError, match=message):
        trainee.undo_stage_change(getattr(personas, who), reason)
    trainee.refresh_from_db()
    assert trainee.stage == Stage.GRADUATE


def test_there_is_nothing_to_undo_before_the_first_change(personas):
    trainee = TraineeFactory(stage=Stage.APPLICANT, stage_since=DAY)
    with pytest.raises(InvalidTransitionError, match="no stage change to undo"):
        trainee.undo_stage_change(personas.manager, "Mistake")


def test_a_record_entered_by_mistake_is_withdrawn_not_deleted(personas):
    trainee = TraineeFactory(stage=Stage.APPLICANT, stage_since=DAY, workshops=[personas.garden])
    trainee.withdraw(personas.manager, "Entered twice")
    assert Trainee.objects.filter(pk=trainee.pk).exists()
    assert (trainee.withdrawn_by, trainee.withdrawal_reason) == (personas.manager, "Entered twice")
    assert not trainee.user.is_active
    for viewer in (personas.manager, personas.garden_instructor, personas.accountant):
        assert trainee not in visible_trainees(viewer)
    assert trainee.modified_by == personas.manager


@pytest.mark.parametrize(
    ("stage", "who", "reason", "message"),
    [
        (Stage.PARTICIPANT, "manager", "Mistake", "leaves it with an exit"),
        (Stage.APPLICANT, "garden_instructor", "Mistake", "Only a manager may withdraw"),
        (Stage.APPLICANT, "manager", "", "Say why"),
    ],
)
def test_a_withdrawal_is_refused_unless_a_manager_withdraws_a_new_record_with_a_reason(
    personas, stage, who, reason, message
):
    trainee = TraineeFactory(stage=stage, stage_since=DAY)
    with pytest.raises(InvalidTransitionError, match=message):
        trainee.withdraw(getattr(personas, who), reason)
    trainee.refresh_from_db()
    assert trainee.withdrawn_at is None


def test_a_record_with_work_or_payslips_or_rent_paid_is_no_mistake_to_withdraw(personas):
    logged = TraineeFactory(stage=Stage.APPLICANT, stage_since=DAY, workshops=[personas.garden])
    work(logged, personas.garden, datetime.date(2026, 11, 2))
    paid = TraineeFactory(stage=Stage.APPLICANT, stage_since=DAY)
    period = PayPeriod.objects.create(month=NOVEMBER)
    Payslip.objects.create(period=period, trainee=paid, total=Decimal("0.00"))
    tenant = TraineeFactory(stage=Stage.APPLICANT, stage_since=DAY)
    RentPaymentFactory(tenancy=TenancyFactory(trainee=tenant), paid_on=NOVEMBER)
    for trainee, message in [
        (logged, "Work is logged for this trainee"),
        (paid, "payslips that rest on this record"),
        (tenant, "Rent payments are recorded"),
    ]:
        with pytest.raises(InvalidTransitionError, match=message):
            trainee.withdraw(personas.manager, "Entered twice")
        trainee.refresh_from_db()
        assert trainee.withdrawn_at is None


def test_the_trial_cannot_be_undone_once_work_is_logged_in_it(personas):
    trainee = diagnosed(
        TraineeFactory(stage=Stage.DIAGNOSIS, stage_since=DAY, workshops=[personas.garden])
    )
    trainee.move_to(Stage.TRIAL, datetime.date(2026, 11, 2), by=personas.manager)
    work(trainee, personas.garden, datetime.date(2026, 11, 3))
    with pytest.raises(InvalidTransitionError, match="from 2026-11-02 on; the trial"):
        trainee.undo_stage_change(personas.manager, "Clicked the wrong row")
    trainee.refresh_from_db()
    assert (trainee.stage, trainee.participation_started_on) == (
        Stage.TRIAL,
        datetime.date(2026, 11, 2),
    )


def test_a_withdrawn_record_is_in_no_pay_run_rent_ledger_or_back_office_list(client, personas):
    trainee = TraineeFactory(stage=Stage.APPLICANT, stage_since=DAY, first_name="Mistaken")
    PaySchemeFactory(trainee=trainee, valid_from=NOVEMBER)
    TenancyFactory(trainee=trainee, start=NOVEMBER)
    trainee.withdraw(personas.manager, "Entered twice")
    pay_period.run(NOVEMBER, personas.manager)
    assert not Payslip.objects.filter(trainee=trainee).exists()
    assert all(s.tenancy.trainee_id != trainee.pk for s in ledger.statements(NOVEMBER))
    client.force_login(personas.manager)
    listed = client.get("/admin/people/trainee/")
    assert listed.status_code == 200
    assert "C-2001" in listed.content.decode()  # Anna, listed by her card
    assert "Mistaken" not in listed.content.decode()
