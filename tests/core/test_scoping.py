"""Row-level scoping for every role, the outsider included."""

import pytest

from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.scoping import can_see, can_see_care_data, scope
from reintegra_coop.people.models import Skill, StaffMember, StageChange, Trainee, Workshop
from reintegra_coop.people.scoping import visible_trainees
from tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(str(row) for row in queryset)


def test_each_persona_has_the_role_it_was_given(personas):
    roles = {name: role_of(user) for name, user in personas.all_users().items()}
    assert roles == {
        "manager": Role.MANAGER,
        "garden_instructor": Role.INSTRUCTOR,
        "carpentry_instructor": Role.INSTRUCTOR,
        "care_worker": Role.CARE_WORKER,
        "accountant": Role.ACCOUNTANT,
        "trainee_anna": Role.TRAINEE,
        "trainee_bartek": Role.TRAINEE,
        "outsider": None,
    }


def test_who_sees_which_trainees(personas):
    seen = {name: names(visible_trainees(user)) for name, user in personas.all_users().items()}
    both, anna, bartek = ["Anna Garden", "Bartek Carpenter"], ["Anna Garden"], ["Bartek Carpenter"]
    assert seen == {
        "manager": both,
        "garden_instructor": anna,
        "carpentry_instructor": bartek,
        "care_worker": anna,
        "accountant": both,
        "trainee_anna": anna,
        "trainee_bartek": bartek,
        "outsider": [],
    }


def test_scope_gives_the_same_trainees_as_the_helper(personas):
    for user in personas.all_users().values():
        assert names(scope(Trainee.objects.all(), user)) == names(visible_trainees(user))


def test_an_instructor_sees_only_their_workshops_and_skills(personas):
    SkillFactory(workshop=personas.garden, name="Weeding")
    SkillFactory(workshop=personas.carpentry, name="Planing")
    user = personas.garden_instructor
    assert names(scope(Workshop.objects.all(), user)) == ["Organic garden"]
    assert names(scope(Skill.objects.all(), user)) == ["Weeding (Organic garden)"]
    assert names(scope(Skill.objects.all(), personas.manager)) == [
        "Planing (Carpentry-locksmith)",
        "Weeding (Organic garden)",
    ]
    assert names(scope(Skill.objects.all(), personas.outsider)) == []


def test_a_trainee_sees_only_their_own_stage_history(personas):
    personas.trainee_anna.move_to(
        "graduate", personas.trainee_anna.stage_since, by=personas.manager
    )
    personas.trainee_bartek.move_to(
        "graduate", personas.trainee_bartek.stage_since, by=personas.manager
    )
    assert scope(StageChange.objects.all(), personas.trainee_anna.user).get().trainee == (
        personas.trainee_anna
    )
    assert scope(StageChange.objects.all(), personas.carpentry_instructor).get().trainee == (
        personas.trainee_bartek
    )
    assert scope(StageChange.objects.all(), personas.manager).count() == 2
    assert scope(StageChange.objects.all(), personas.outsider).count() == 0


def test_only_managers_see_the_staff_list_and_others_only_themselves(personas):
    assert scope(StaffMember.objects.all(), personas.manager).count() == 5
    own = scope(StaffMember.objects.all(), personas.garden_instructor)
    assert [member.user for member in own] == [personas.garden_instructor]
    assert scope(StaffMember.objects.all(), personas.trainee_anna.user).count() == 0
    assert scope(StaffMember.objects.all(), personas.outsider).count() == 0


def test_only_the_trainees_own_care_worker_sees_care_data(personas):
    anna, bartek = personas.trainee_anna, personas.trainee_bartek
    allowed = {name for name, user in personas.all_users().items() if can_see_care_data(user, anna)}
    assert allowed == {"care_worker"}
    assert not any(can_see_care_data(user, bartek) for user in personas.all_users().values())


def test_can_see_answers_for_one_row(personas):
    assert can_see(personas.garden_instructor, personas.trainee_anna)
    assert not can_see(personas.garden_instructor, personas.trainee_bartek)
    assert not can_see(personas.outsider, personas.trainee_anna)


def test_an_inactive_staff_member_loses_their_role(personas):
    member = personas.garden_instructor.staff_member
    member.active = False
    member.stamp(personas.manager)
    member.save()
    member.user.refresh_from_db()
    assert role_of(member.user) is None
    assert not member.user.is_staff
    assert visible_trainees(member.user).count() == 0
