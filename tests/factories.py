"""The one place for test factories (factory-boy), and the moments tests are set at.

Records that a workflow makes (payslips and their lines, stored rent statements, closed
months, a period's state, stage changes, order status changes, number series, login codes)
have no factory: tests make them through the workflow, as users do."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice

from reintegra_coop.care.models import (
    CommunityServiceOrder,
    Diagnosis,
    Milestone,
    ParticipationPause,
    TherapyPlan,
    UnavailableBlock,
    WorkConstraint,
)
from reintegra_coop.core.models import Notification
from reintegra_coop.core.roles import COMMAND_LINE, Role
from reintegra_coop.housing.models import (
    HousingUnit,
    InKindValueSetting,
    RentChange,
    RentPayment,
    Tenancy,
)
from reintegra_coop.orders.models import (
    CatalogueItem,
    Customer,
    CustomerKind,
    ItemKind,
    Order,
    OrderKind,
    OrderLine,
    VatRate,
)
from reintegra_coop.pathways.models import (
    EmployerTie,
    Opening,
    OpeningSkill,
    Organisation,
    OrganisationKind,
)
from reintegra_coop.pay.models import (
    Advance,
    Bonus,
    DebtRepaymentPlan,
    HourlyRate,
    PayScheme,
    PieceWork,
    SchemeKind,
    StipendSetting,
)
from reintegra_coop.people.models import Skill, StaffMember, Stage, Trainee, Workshop, WorkshopKind
from reintegra_coop.privacy.models import Consent, ConsentKind
from reintegra_coop.work.models import Shift, ShiftAssignment, ShiftTemplate, WorkLog

PASSWORD = "correct-horse-battery"
PIN = "2468"

# The moments the area suites live at (each module's clock marker says the same).
NOVEMBER = datetime.date(2026, 11, 1)  # the pay tests' month
WORK_DAY = datetime.date(2026, 11, 23)  # a Monday: the work and order tests' today


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Workshop {n}")
    kind = WorkshopKind.CRAFT_WORKSHOP


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    workshop = factory.SubFactory(WorkshopFactory)
    name = factory.Sequence(lambda n: f"Skill {n}")


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, password=PIN)
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    stage = Stage.PARTICIPANT
    stage_since = datetime.date(2026, 9, 1)
    applied_on = datetime.date(2026, 7, 15)
    participation_started_on = datetime.date(2026, 8, 1)

    @factory.post_generation
    def workshops(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.workshops.set(extracted)


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    role = Role.MANAGER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A role is granted by someone: in tests, the site's administrator.
        return model_class.appoint(kwargs.pop("user"), kwargs.pop("role"), COMMAND_LINE, **kwargs)

    @factory.post_generation
    def workshops(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.workshops.set(extracted)

    @factory.post_generation
    def caseload(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.caseload.set(extracted)


def vat_rate(percent: str) -> VatRate:
    """The site's VAT rate (seeded by a migration; made again after a flushing browser test)."""
    return VatRate.objects.get_or_create(
        percent=Decimal(percent), defaults={"name": f"{percent}%"}
    )[0]


def valid_nip(n: int) -> str:
    """The n-th made-up Polish NIP whose check digit is right (python-stdnum accepts it)."""
    from stdnum.pl import nip

    for tail in range(n * 10, n * 10 + 10):
        for check in "0123456789":
            number = f"{912000000 + tail:09d}{check}"
            if nip.is_valid(number):
                return nip.format(number)
    raise AssertionError("unreachable: one of ten tails has a check digit")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    kind = CustomerKind.BUSINESS
    name = factory.Sequence(lambda n: f"Customer {n}")
    tax_id = factory.Sequence(valid_nip)
    address = "ul. Polna 1, 00-950 Warszawa"


class CatalogueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueItem

    kind = ItemKind.PRODUCT
    name = factory.Sequence(lambda n: f"Item {n}")
    workshop = factory.SubFactory(WorkshopFactory)
    unit = "pcs"
    price = Decimal("10.00")
    vat_rate = factory.LazyFunction(lambda: vat_rate("23"))


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    kind = OrderKind.WORKSHOP
    customer = factory.SubFactory(CustomerFactory)
    ordered_on = datetime.date(2026, 11, 2)
    due_on = datetime.date(2026, 11, 20)


def add_line(order: Order, item: CatalogueItem, quantity: str, discount: str = "0") -> OrderLine:
    return OrderLine.objects.create(
        order=order,
        item=item,
        description=item.name,
        quantity=Decimal(quantity),
        unit=item.unit,
        unit_price=item.price,
        vat_percent=item.vat_rate.percent,
        discount_percent=Decimal(discount),
    )


def working_days_before(day: datetime.date, count: int) -> list[datetime.date]:
    """The ``count`` working days before ``day``, latest first (work is logged only on them)."""
    from reintegra_coop.core.calendar import is_working_day

    found: list[datetime.date] = []
    while len(found) < count:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            found.append(day)
    return found


# Work: shifts and the work log.


class ShiftTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftTemplate

    workshop = factory.SubFactory(WorkshopFactory)
    name = "Morning"
    weekdays = "0,1,2,3,4"
    start = datetime.time(8)
    end = datetime.time(14)
    capacity = 10


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    workshop = factory.SubFactory(WorkshopFactory)
    date = WORK_DAY
    start = datetime.time(8)
    end = datetime.time(14)
    capacity = 10


class ShiftAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShiftAssignment

    shift = factory.SubFactory(ShiftFactory)
    trainee = factory.SubFactory(TraineeFactory)


class WorkLogFactory(factory.django.DjangoModelFactory):
    """A log of 8:00–14:00 on a working day (the model refuses other days for day codes)."""

    class Meta:
        model = WorkLog

    trainee = factory.SubFactory(TraineeFactory)
    workshop = factory.SubFactory(WorkshopFactory)
    date = WORK_DAY
    start = datetime.time(8)
    end = datetime.time(14)


def work(
    trainee: Trainee,
    workshop: Workshop,
    day: datetime.date,
    start: int = 8,
    end: int = 14,
    **fields: object,
) -> WorkLog:
    """An approved log of ``trainee`` in ``workshop`` on ``day`` from ``start`` to ``end`` o'clock
    (any other field may be given, the status too)."""
    fields.setdefault("status", "approved")
    return WorkLogFactory(
        trainee=trainee,
        workshop=workshop,
        date=day,
        start=datetime.time(start),
        end=datetime.time(end),
        **fields,
    )


# Pay: settings, schemes, rates and the month's extras.


class StipendSettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StipendSetting

    valid_from = datetime.date(2026, 1, 1)
    base = Decimal("1500.00")


class PaySchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayScheme

    trainee = factory.SubFactory(TraineeFactory)
    kind = SchemeKind.HOURLY
    valid_from = datetime.date(2026, 1, 1)
    hourly_rate = Decimal("31.50")


class HourlyRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HourlyRate

    valid_from = datetime.date(2026, 1, 1)
    rate = Decimal("30.00")


class PieceWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PieceWork

    trainee = factory.SubFactory(TraineeFactory)
    date = datetime.date(2026, 11, 2)
    units = Decimal("100")


class BonusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bonus

    trainee = factory.SubFactory(TraineeFactory)
    month = NOVEMBER
    amount = Decimal("200.00")


class AdvanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advance

    trainee = factory.SubFactory(TraineeFactory)
    month = NOVEMBER
    amount = Decimal("100.00")


class DebtRepaymentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DebtRepaymentPlan

    trainee = factory.SubFactory(TraineeFactory)
    creditor = "Energy supplier"
    monthly_amount = Decimal("80.00")
    cap = Decimal("640.00")
    start_month = NOVEMBER


# Housing.


class HousingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingUnit

    name = factory.Sequence(lambda n: f"Flat {n}")
    level = "training_flat"
    monthly_rent = Decimal("900.00")


class RentChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RentChange

    unit = factory.SubFactory(HousingUnitFactory)
    valid_from = datetime.date(2027, 3, 1)
    monthly_rent = Decimal("1000.00")


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    trainee = factory.SubFactory(TraineeFactory)
    unit = factory.SubFactory(HousingUnitFactory)
    start = NOVEMBER
    share_percent = Decimal("30")


class RentPaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RentPayment

    tenancy = factory.SubFactory(TenancyFactory)
    paid_on = datetime.date(2026, 11, 5)
    amount = Decimal("50.00")


class InKindValueSettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InKindValueSetting

    valid_from = datetime.date(2026, 1, 1)
    hourly_value = Decimal("12.50")


# Care.


class WorkConstraintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkConstraint

    trainee = factory.SubFactory(TraineeFactory)


class UnavailableBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnavailableBlock

    constraint = factory.SubFactory(WorkConstraintFactory)
    weekday = 1  # Tuesday
    start = datetime.time(16)
    end = datetime.time(18)
    reason = "Group therapy"


class TherapyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TherapyPlan

    trainee = factory.SubFactory(TraineeFactory)
    goals = "Abstinence; sleep routine."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    trainee = factory.SubFactory(TraineeFactory)
    kind = "punctuality_streak"
    title = "10 shifts in a row on time"
    target = Decimal(10)


class CommunityServiceOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityServiceOrder

    trainee = factory.SubFactory(TraineeFactory)
    court_reference = factory.Sequence(lambda n: f"II K {n}/26")
    total_hours = 120
    start = NOVEMBER
    deadline = datetime.date(2027, 10, 31)


class DiagnosisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Diagnosis

    trainee = factory.SubFactory(TraineeFactory)
    by_role = "psychologist"
    assessed_on = datetime.date(2026, 1, 12)
    recommends = True


class ParticipationPauseFactory(factory.django.DjangoModelFactory):
    """A relapse pause of November, recorded under its rules (no overlap, the stage)."""

    class Meta:
        model = ParticipationPause

    trainee = factory.SubFactory(TraineeFactory)
    starts_on = datetime.date(2026, 11, 2)
    ends_on = datetime.date(2026, 11, 10)
    reason = "Relapse"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        by = kwargs.pop("by", None)
        pause = model_class(*args, **kwargs)
        pause.record(by)
        return pause


def diagnosed(trainee: Trainee, on: datetime.date = datetime.date(2026, 1, 12)) -> Trainee:
    """The trainee, with a positive diagnosis by each of the three specialists."""
    for role in ("psychologist", "social_worker", "vocational_counsellor"):
        DiagnosisFactory(trainee=trainee, by_role=role, assessed_on=on)
    return trainee


# Notifications.


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notice of a dispute (work's code) that opens the log's page."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    code = "work.log_disputed"
    params = factory.LazyFunction(
        lambda: {"trainee": "Anna Garden", "date": "2026-11-23", "workshop": "Organic garden"}
    )
    link_name = "core:notifications"
    key = factory.Sequence(lambda n: f"event:{n}")


# Two-factor login.


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app (a phone) of a staff login."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "phone"
    confirmed = True


# Pathways: partners, openings, consents to share data with them.


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Employer {n}")
    kind = OrganisationKind.EMPLOYER
    employer_tie = EmployerTie.COOPERATING


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening

    employer = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Job {n}")


class OpeningSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningSkill

    opening = factory.SubFactory(OpeningFactory)
    skill = factory.SubFactory(SkillFactory)
    hours = 120


class SharingConsentFactory(factory.django.DjangoModelFactory):
    """The trainee's consent to their data going to a partner on record."""

    class Meta:
        model = Consent

    trainee = factory.SubFactory(TraineeFactory)
    kind = ConsentKind.SHARING_WITH_PARTNER
    organisation = factory.SubFactory(OrganisationFactory)
    partner = factory.SelfAttribute("organisation.name")
    given_on = datetime.date(2026, 11, 2)
