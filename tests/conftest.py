"""Named personas used by every permission test: a manager, an instructor of the garden, an
instructor of carpentry, a care worker, an accountant, two trainees and an outsider."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from hypothesis import settings as hypothesis_settings

from reintegra_coop.core.roles import Role
from reintegra_coop.people.models import Trainee, Workshop

from .factories import StaffMemberFactory, TraineeFactory, UserFactory, WorkshopFactory

# Property tests check results, not speed: a busy CI machine must not fail an example for
# taking longer than hypothesis's 200 ms deadline (benchmarks/ measure speed).
hypothesis_settings.register_profile("suite", deadline=None)
hypothesis_settings.load_profile("suite")


@dataclass
class Personas:
    garden: Workshop
    carpentry: Workshop
    manager: User
    garden_instructor: User
    carpentry_instructor: User
    care_worker: User
    accountant: User
    trainee_anna: Trainee  # works in the garden, in the care worker's caseload
    trainee_bartek: Trainee  # works in carpentry, in nobody's caseload
    outsider: User  # can log in, has no role

    def all_users(self) -> dict[str, User]:
        return {
            "manager": self.manager,
            "garden_instructor": self.garden_instructor,
            "carpentry_instructor": self.carpentry_instructor,
            "care_worker": self.care_worker,
            "accountant": self.accountant,
            "trainee_anna": self.trainee_anna.user,
            "trainee_bartek": self.trainee_bartek.user,
            "outsider": self.outsider,
        }


@pytest.fixture
def personas(db: None) -> Personas:
    garden = WorkshopFactory(name="Organic garden")
    carpentry = WorkshopFactory(name="Carpentry-locksmith")
    anna = TraineeFactory(
        user__username="anna",
        first_name="Anna",
        last_name="Garden",
        card_number="C-2001",
        workshops=[garden],
    )
    bartek = TraineeFactory(
        user__username="bartek",
        first_name="Bartek",
        last_name="Carpenter",
        card_number="C-2002",
        workshops=[carpentry],
    )

    def staff(username: str, role: Role, **kwargs: object) -> User:
        return StaffMemberFactory(user__username=username, role=role, **kwargs).user

    return Personas(
        garden=garden,
        carpentry=carpentry,
        manager=staff("manager", Role.MANAGER),
        garden_instructor=staff("garden.instructor", Role.INSTRUCTOR, workshops=[garden]),
        carpentry_instructor=staff("carpentry.instructor", Role.INSTRUCTOR, workshops=[carpentry]),
        care_worker=staff("care.worker", Role.CARE_WORKER, caseload=[anna]),
        accountant=staff("accountant", Role.ACCOUNTANT),
        trainee_anna=anna,
        trainee_bartek=bartek,
        outsider=UserFactory(username="outsider"),
    )
