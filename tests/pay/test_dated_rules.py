"""Rules with validity dates, applied day by day: schemes split a month by date, the hourly
rate table (most specific row wins), and rent taken from pay only from the consent date."""

import datetime
from decimal import Decimal

import pytest

from reintegra_coop.housing.models import HousingUnit, Tenancy
from reintegra_coop.pay import period
from reintegra_coop.pay.models import HourlyRate, PayScheme, Payslip
from reintegra_coop.pay.payroll import draft_payslips
from reintegra_coop.pay.rates import RateRow, hourly_rate_for
from reintegra_coop.people.models import StageChange
from tests.factories import NOVEMBER, SkillFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
D = Decimal


def nov(day):
    return datetime.date(2026, 11, day)


def lines(trainee_draft):
    return [(line.code, line.quantity, line.rate, line.amount) for line in trainee_draft.lines]


def test_a_rate_change_on_the_16th_pays_each_half_by_its_own_rate(personas):
    anna = personas.trainee_anna
    PayScheme.objects.create(
        trainee=anna, kind="hourly", valid_from=nov(1), valid_until=nov(15), hourly_rate=D("30")
    )
    PayScheme.objects.create(trainee=anna, kind="hourly", valid_from=nov(16), hourly_rate=D("36"))
    work(anna, personas.garden, nov(13))  # 6 h at 30.00
    work(anna, personas.garden, nov(16))  # 6 h at 36.00
    work(anna, personas.garden, nov(17), start=8, end=10)  # 2 h at 36.00
    [draft] = draft_payslips(NOVEMBER)
    assert lines(draft) == [
        ("hourly_wage", D("6.00"), D("30"), D("180.00")),
        ("hourly_wage", D("8.00"), D("36"), D("288.00")),
    ]


def test_a_stipend_ending_mid_month_pays_only_its_days(personas, stipend_setting):
    anna = personas.trainee_anna
    PayScheme.objects.create(
        trainee=anna, kind="stipend", valid_from=datetime.date(2026, 8, 1), valid_until=nov(13)
    )
    PayScheme.objects.create(trainee=anna, kind="hourly", valid_from=nov(16), hourly_rate=D("30"))
    work(anna, personas.garden, nov(16))
    [draft] = draft_payslips(NOVEMBER)
    # November: 20 working days; 2–13 Nov holds 9 of them (the 11th is a holiday)
    assert lines(draft) == [
        ("hourly_wage", D("6.00"), D("30"), D("180.00")),
        ("stipend_base", D("9"), D("1500.00"), D("675.00")),
    ]


@pytest.fixture
def rate_table(personas):
    planing = SkillFactory(workshop=personas.carpentry, name="Planing")
    sanding = SkillFactory(workshop=personas.garden, name="Weeding")
    since = datetime.date(2026, 1, 1)
    HourlyRate.objects.create(valid_from=since, rate=D("30.00"))
    HourlyRate.objects.create(valid_from=since, workshop=personas.carpentry, rate=D("32.00"))
    HourlyRate.objects.create(
        valid_from=since, workshop=personas.carpentry, stage="participant", rate=D("34.00")
    )
    HourlyRate.objects.create(valid_from=since, skill=planing, rate=D("33.00"))
    return planing, sanding


def test_the_most_specific_row_of_the_rate_table_wins(personas, rate_table):
    """The README's worked example."""
    planing, weeding = rate_table
    bartek = personas.trainee_bartek
    PayScheme.objects.create(trainee=bartek, kind="hourly", valid_from=nov(1), hourly_rate=D("25"))
    StageChange.objects.create(trainee=bartek, from_stage="diagnosis", to_stage="trial", on=nov(1))
    StageChange.objects.create(
        trainee=bartek, from_stage="trial", to_stage="participant", on=nov(16)
    )
    work(bartek, personas.carpentry, nov(2), skill=planing)  # trial: skill beats workshop, 33
    work(bartek, personas.carpentry, nov(16), skill=planing)  # participant + carpentry: 34
    work(bartek, personas.carpentry, nov(17))  # participant in carpentry, no skill: 34
    [draft] = draft_payslips(NOVEMBER)
    assert lines(draft) == [
        ("hourly_wage", D("6.00"), D("33.00"), D("198.00")),
        ("hourly_wage", D("12.00"), D("34.00"), D("408.00")),
    ]
    rows = [RateRow(D("30.00"), datetime.date(2026, 1, 1))]
    garden = personas.garden.pk
    assert hourly_rate_for(rows, nov(2), garden, weeding.pk, "participant", D("25")) == D("30")
    assert hourly_rate_for([], nov(2), garden, weeding.pk, "participant", D("25")) == D("25")


def test_a_rate_row_applies_only_within_its_dates(personas):
    anna = personas.trainee_anna
    PayScheme.objects.create(trainee=anna, kind="hourly", valid_from=nov(1), hourly_rate=D("30"))
    HourlyRate.objects.create(valid_from=nov(10), valid_until=nov(20), rate=D("40.00"))
    work(anna, personas.garden, nov(9))
    work(anna, personas.garden, nov(10))
    work(anna, personas.garden, nov(23))
    [draft] = draft_payslips(NOVEMBER)
    assert [(line.quantity, line.rate) for line in draft.lines] == [
        (D("12.00"), D("30")),
        (D("6.00"), D("40.00")),
    ]


def test_rent_is_taken_from_pay_only_from_the_consent_date_for_the_tenancy_days(
    personas, hourly_anna
):
    anna = personas.trainee_anna
    unit = HousingUnit.objects.create(name="Flat", level="training_flat", monthly_rent=D("600"))
    Tenancy.objects.create(
        trainee=anna,
        unit=unit,
        start=nov(6),
        share_fixed=D("300.00"),
        payroll_consent_on=nov(21),  # consent on the 21st: 10 of 30 days
    )
    for day in (2, 3, 4):
        work(anna, personas.garden, nov(day))
    [draft] = draft_payslips(NOVEMBER)
    [rent] = [line for line in draft.lines if line.code == "rent_deduction"]
    assert rent.amount == D("-100.00")  # round(300 × 10 / 30); not 250 for the 25 tenancy days
    period.run(NOVEMBER, personas.manager)
    assert Payslip.objects.get().lines.get(code="rent_deduction").tenancy.unit == unit
