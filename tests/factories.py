"""The one place for test factories (factory-boy)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import User

from reintegra_coop.core.roles import COMMAND_LINE, Role
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
from reintegra_coop.people.models import Skill, StaffMember, Stage, Trainee, Workshop, WorkshopKind

PASSWORD = "correct-horse-battery"
PIN = "2468"


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


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    kind = CustomerKind.BUSINESS
    name = factory.Sequence(lambda n: f"Customer {n}")
    tax_id = "526-000-00-00"


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
