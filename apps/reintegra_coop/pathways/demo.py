"""The demo cooperative's pathway out: two employers (one cooperating, one contracted by an
agreement), the social-welfare and labour offices, two job openings asking for skills the
workshops teach, consents and referrals, a graduate's placement with the days worked so far,
approved, and the employer's first feedback, and where the exited trainees went with their due
follow-ups. Loading again changes nothing."""

from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from reintegra_coop.core.calendar import is_working_day
from reintegra_coop.core.demo_names import N_, in_site_language
from reintegra_coop.people.models import Skill, StaffMember, Stage, Trainee, add_months
from reintegra_coop.work.approval import approve

from . import day_work, placements, referrals
from .models import (
    Agreement,
    Contact,
    ContractKind,
    DayJob,
    DayWorker,
    DayWorkLimit,
    EmployerTie,
    Exit,
    FeedbackPoint,
    FundingProject,
    HousingStatus,
    Opening,
    OpeningSkill,
    Organisation,
    OrganisationKind,
    ParticipantProfile,
    PayTerms,
    Placement,
    PlacementFeedback,
    Referral,
    ReferralDirection,
    Sex,
    WorkStatus,
)

JOINERY = N_("Oak Joinery")
GREENERY = N_("City Greenery Service")
WELFARE = N_("Municipal social-welfare office")
LABOUR = N_("District labour office")


_name = in_site_language  # a demo name, written in English, stored in the site's language


def load() -> None:
    if Organisation.objects.exists():
        return
    manager = User.objects.get(username="manager")
    social = User.objects.get(username="care.social")
    today = timezone.localdate()
    with transaction.atomic():
        joinery = _organisation(JOINERY, OrganisationKind.EMPLOYER, EmployerTie.CONTRACTED, manager)
        greenery = _organisation(
            GREENERY, OrganisationKind.EMPLOYER, EmployerTie.COOPERATING, manager
        )
        _organisation(WELFARE, OrganisationKind.SOCIAL_WELFARE_OFFICE, "", manager)
        _organisation(LABOUR, OrganisationKind.LABOUR_OFFICE, "", manager)
        Contact.objects.create(
            organisation=joinery,
            name="Jan Dąb",
            position=_name(N_("Owner")),
            phone="+48 600 100 200",
            created_by=manager,
        )
        Contact.objects.create(
            organisation=greenery,
            name="Maria Zielna",
            position=_name(N_("Site manager")),
            phone="+48 600 300 400",
            created_by=manager,
        )
        Agreement.objects.create(
            organisation=joinery,
            title=_name(N_("Placements and jobs for graduates")),
            starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(month=12, day=31),
            terms=_name(N_("Up to three placements a year; a job coach visits weekly.")),
            created_by=manager,
        )
        _opening(
            joinery,
            N_("Joiner's helper"),
            [(N_("Sawing and planing"), 20), (N_("Joinery"), 10)],
            attendance=Decimal(80),
            streak=None,
            manager=manager,
        )
        _opening(
            greenery,
            N_("Gardener in the city parks"),
            [(N_("Weeding and mulching"), 20)],
            attendance=None,
            streak=5,
            manager=manager,
        )
        _exits(joinery, social, today)
    _placement(greenery, manager, today)
    _funding_project(manager, today)
    _day_work(manager, today)


def _funding_project(manager: User, today: datetime.date) -> None:
    """This year's funding project with everyone who started the programme, and the funder's
    characteristics of the first half of them, recorded with their consent."""
    project = FundingProject.objects.create(
        name=_name(N_("Work and a home: reintegration")) + f" {today.year}",
        funder=_name(N_("Regional labour office (European Social Fund)")),
        reference=f"FE.{today.year}.08.01-001/{today.year % 100}",
        starts_on=today.replace(month=1, day=1),
        ends_on=today.replace(month=12, day=31),
        created_by=manager,
    )
    started = list(
        Trainee.objects.filter(participation_started_on__isnull=False).order_by("card_number")
    )
    project.participants.set(started)
    for number, trainee in enumerate(started[: len(started) // 2]):
        ParticipantProfile.objects.create(
            trainee=trainee,
            consent_on=trainee.participation_started_on,
            sex=Sex.FEMALE if number % 2 else Sex.MALE,
            long_term_unemployed=number % 3 != 0,
            homeless=number % 2 == 0,
            created_by=manager,
        )


def load_referrals() -> None:
    """After the consents (privacy/demo.py): a referral to the joinery's opening, answered,
    and the social-welfare office's referral of an applicant to us."""
    if Referral.objects.exists():
        return
    social = User.objects.get(username="care.social")
    today = timezone.localdate()
    joinery = Organisation.objects.get(name=_name(JOINERY))
    welfare = Organisation.objects.get(name=_name(WELFARE))
    helper = Opening.objects.filter(employer=joinery).first()
    with transaction.atomic():
        participants = list(Trainee.objects.filter(stage=Stage.PARTICIPANT).order_by("card_number"))
        if participants:
            referral = Referral(
                trainee=participants[0],
                organisation=joinery,
                opening=helper,
                direction=ReferralDirection.TO_PARTNER,
                referred_on=today - datetime.timedelta(days=7),
                referred_by=social.get_full_name(),
                reason=_name(N_("Steady attendance and 30 hours at the bench saw.")),
            )
            referrals.refer(referral, social)
            referral.record_answer(
                "accepted",
                today - datetime.timedelta(days=3),
                _name(N_("An interview next week.")),
                social,
            )
        incoming = Trainee.objects.filter(stage=Stage.APPLICANT).order_by("card_number").first()
        if incoming is not None:
            referrals.refer(
                Referral(
                    trainee=incoming,
                    organisation=welfare,
                    direction=ReferralDirection.FROM_PARTNER,
                    referred_on=incoming.applied_on,
                    referred_by="Halina Opiekuńcza",
                    reason=_name(N_("Long-term unemployed, staying at the night shelter.")),
                ),
                social,
            )


def _exits(employer: Organisation, by: User, today: datetime.date) -> None:
    """The demo's exits (made with the people): one into work at the joinery, its due
    follow-ups recorded."""
    for exit_record in Exit.objects.filter(cancelled_at__isnull=True):
        if exit_record.reason == "employment":
            exit_record.employer, exit_record.contract = employer, ContractKind.FIXED_TERM
            exit_record.housing = HousingStatus.OWN_HOME
        else:
            exit_record.housing = HousingStatus.SHELTER
        exit_record.stamp(by)
        exit_record.save()
        for follow_up in exit_record.follow_ups.filter(due_on__lte=today):
            in_work = exit_record.reason == "employment"
            follow_up.record(
                follow_up.due_on,
                reached=in_work,
                work_status=WorkStatus.IN_WORK if in_work else WorkStatus.UNKNOWN,
                housing=HousingStatus.OWN_HOME if in_work else HousingStatus.UNKNOWN,
                note="",
                by=by,
            )


def _organisation(name: str, kind: str, tie: str, by: User) -> Organisation:
    organisation = Organisation(name=_name(name), kind=kind, employer_tie=tie)
    organisation.stamp(by)
    organisation.save()
    return organisation


def _opening(
    employer: Organisation,
    title: str,
    skills: list[tuple[str, int]],
    attendance: Decimal | None,
    streak: int | None,
    manager: User,
) -> Opening:
    opening = Opening(
        employer=employer,
        title=_name(title),
        place=employer.name,
        hours_per_week=30,
        min_attendance_percent=attendance,
        min_punctuality_streak=streak,
    )
    opening.stamp(manager)
    opening.save()
    for skill_name, hours in skills:
        skill = Skill.objects.filter(name=_name(skill_name)).first()
        if skill is not None:
            OpeningSkill.objects.create(opening=opening, skill=skill, hours=hours)
    return opening


def _placement(employer: Organisation, manager: User, today: datetime.date) -> None:
    """A graduate five weeks into a placement: the days so far recorded by the job coach
    and approved, and the employer's word after the first weeks."""
    graduate = Trainee.objects.filter(stage=Stage.GRADUATE).order_by("card_number").first()
    coach = StaffMember.objects.filter(user__username="instructor.garden").first()
    if graduate is None or coach is None:
        return
    starts = today - datetime.timedelta(weeks=5)
    placement = placements.start(
        Placement(
            trainee=graduate,
            employer=employer,
            job_coach=coach,
            starts_on=starts,
            planned_end_on=add_months(starts, 6) - datetime.timedelta(days=1),
            hours_per_week=30,
            days_to_complete=100,
            # a graduate has no pay scheme of the cooperative's: the employer pays the wage
            pay_terms=PayTerms.EMPLOYER_PAYS,
        ),
        manager,
    )
    logs = []
    day = starts
    while day < today:
        if is_working_day(day):
            # a day the trainee could not work (a care appointment) is left out
            with contextlib.suppress(ValidationError):
                logs += placements.record_days(
                    placement,
                    [placements.Day(day, datetime.time(7), datetime.time(13))],
                    coach.user,
                )
        day += datetime.timedelta(days=1)
    approve([log.pk for log in logs], manager)
    feedback = PlacementFeedback(
        placement=placement,
        point=FeedbackPoint.FIRST_MONTH,
        given_on=today,
        given_by="Maria Zielna",
        punctuality=5,
        quality=4,
        teamwork=4,
        note=_name(N_("Comes on time and asks when unsure.")),
    )
    feedback.stamp(coach.user)
    feedback.save()


def _day_work(manager: User, today: datetime.date) -> None:
    """Yesterday's cash box counted and closed; today's leaves raked and paid in cash, and
    tomorrow's job with a place still free."""
    DayWorkLimit.objects.create(
        valid_from=today.replace(month=1, day=1),
        days_a_month=day_work.DEFAULT_DAYS_A_MONTH,
        pay_a_month=day_work.DEFAULT_PAY_A_MONTH,
        created_by=manager,
    )
    people = [
        DayWorker.objects.create(first_name=first, last_name=last, card_number=card or None)
        for first, last, card in (
            ("Henryk", "Wolny", "D-0001"),
            ("Irena", "Polna", "D-0002"),
            ("Stefan", "Lipa", ""),
        )
    ]
    yesterday = today - datetime.timedelta(days=1)
    day_work.put_in(yesterday, Decimal("200.00"), _name(N_("From the bank")), manager)
    day_work.close_day(yesterday, {"100": 2}, "", manager)
    day_work.put_in(today, Decimal("300.00"), _name(N_("From the bank")), manager)
    leaves = DayJob.objects.create(
        date=today,
        task=_name(N_("Raking leaves in the park")),
        place=_name(N_("City park")),
        start=datetime.time(0),
        end=datetime.time(0, 30),  # done by the time the demo is loaded, whenever that is
        pay=Decimal("100.00"),
        places=3,
        created_by=manager,
    )
    for worker in people[:2]:
        signed = day_work.sign_up(leaves, worker, manager)
        day_work.record_worked(signed, True, manager)
        day_work.pay(signed, manager)
    tomorrow = DayJob.objects.create(
        date=today + datetime.timedelta(days=1),
        task=_name(N_("Carrying furniture for the housing office")),
        place=_name(N_("Social house, Lipowa 3")),
        start=datetime.time(9),
        end=datetime.time(14),
        pay=Decimal("120.00"),
        places=2,
        created_by=manager,
    )
    day_work.sign_up(tomorrow, people[2], manager)
