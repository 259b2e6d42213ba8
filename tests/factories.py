"""The one place for test factories (factory-boy)."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.models import User

from reintegra_coop.core.roles import Role
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

    @factory.post_generation
    def workshops(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.workshops.set(extracted)

    @factory.post_generation
    def caseload(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.caseload.set(extracted)
