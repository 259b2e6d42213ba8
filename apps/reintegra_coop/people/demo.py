"""The demo cooperative's people: five workshops, eight staff and 24 trainees at every stage.

Loading is idempotent: a record that exists (by username, workshop name or card number) is left
as it is, so running the loader again changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from reintegra_coop.core.demo_names import N_, in_site_language
from reintegra_coop.core.roles import COMMAND_LINE, Role

from .models import CareProfession, ExitReason, Skill, StaffMember, Stage, Trainee, Workshop
from .models import WorkshopKind as Kind

STAFF_PASSWORD = "reintegra-demo"  # noqa: S105 - printed on purpose: it is the demo
TRAINEE_PIN = "2468"

WORKSHOPS = {
    N_("Organic garden"): (
        Kind.ECO_PRODUCTION,
        [
            N_("Sowing and planting"),
            N_("Weeding and mulching"),
            N_("Harvesting and sorting"),
            N_("Composting"),
        ],
    ),
    N_("Carpentry-locksmith"): (
        Kind.CRAFT_WORKSHOP,
        [N_("Measuring and marking"), N_("Sawing and planing"), N_("Joinery"), N_("Basic welding")],
    ),
    N_("Tailoring"): (
        Kind.CRAFT_WORKSHOP,
        [N_("Machine sewing"), N_("Hems and repairs"), N_("Pattern cutting")],
    ),
    N_("Printing and computer lab"): (
        Kind.CRAFT_WORKSHOP,
        [N_("Screen printing"), N_("Bookbinding"), N_("Desktop publishing")],
    ),
    N_("Renovation-cleaning crew"): (
        Kind.SERVICE_CREW,
        [N_("Painting walls"), N_("Tiling"), N_("Deep cleaning")],
    ),
}


@dataclass(frozen=True)
class DemoStaff:
    username: str
    first_name: str
    last_name: str
    role: Role
    workshops: tuple[str, ...] = ()
    care_profession: str = ""


STAFF = [
    DemoStaff("manager", "Anna", "Nowak", Role.MANAGER),
    DemoStaff("instructor.garden", "Piotr", "Zieliński", Role.INSTRUCTOR, ("Organic garden",)),
    DemoStaff(
        "instructor.carpentry", "Tomasz", "Wójcik", Role.INSTRUCTOR, ("Carpentry-locksmith",)
    ),
    DemoStaff(
        "instructor.tailoring",
        "Ewa",
        "Kamińska",
        Role.INSTRUCTOR,
        ("Tailoring", "Printing and computer lab"),
    ),
    DemoStaff(
        "instructor.renovation",
        "Marek",
        "Lewandowski",
        Role.INSTRUCTOR,
        ("Renovation-cleaning crew",),
    ),
    DemoStaff(
        "care.psychologist",
        "Katarzyna",
        "Dąbrowska",
        Role.CARE_WORKER,
        care_profession=CareProfession.PSYCHOLOGIST,
    ),
    DemoStaff(
        "care.social",
        "Jan",
        "Kowalczyk",
        Role.CARE_WORKER,
        care_profession=CareProfession.SOCIAL_WORKER,
    ),
    DemoStaff("accountant", "Barbara", "Szymańska", Role.ACCOUNTANT),
]

# (first name, last name, final stage, exit reason, preferred language)
TRAINEES = [
    ("Adam", "Borowski", Stage.PARTICIPANT, "", ""),
    ("Beata", "Czarnecka", Stage.PARTICIPANT, "", ""),
    ("Cezary", "Dudek", Stage.TRIAL, "", ""),
    ("Dorota", "Eliasz", Stage.PARTICIPANT, "", "en"),
    ("Edward", "Filipek", Stage.PARTICIPANT, "", ""),
    ("Filomena", "Górska", Stage.GRADUATE, "", ""),
    ("Grzegorz", "Hajduk", Stage.PARTICIPANT, "", ""),
    ("Halina", "Iwańska", Stage.TRIAL, "", ""),
    ("Igor", "Jabłoński", Stage.PARTICIPANT, "", ""),
    ("Jolanta", "Kurek", Stage.DIAGNOSIS, "", ""),
    ("Karol", "Lis", Stage.PARTICIPANT, "", ""),
    ("Lucyna", "Mazur", Stage.EXITED, ExitReason.EMPLOYMENT, ""),
    ("Mariusz", "Nowicki", Stage.PARTICIPANT, "", ""),
    ("Natalia", "Olszewska", Stage.TRIAL, "", "cs"),
    ("Oskar", "Pawlak", Stage.PARTICIPANT, "", ""),
    ("Patrycja", "Rutkowska", Stage.APPLICANT, "", ""),
    ("Robert", "Sikora", Stage.PARTICIPANT, "", ""),
    ("Sylwia", "Tomaszewska", Stage.PARTICIPANT, "", ""),
    ("Tadeusz", "Urban", Stage.EXITED, ExitReason.DROPPED_OUT, ""),
    ("Urszula", "Walczak", Stage.TRIAL, "", ""),
    ("Wiktor", "Zając", Stage.PARTICIPANT, "", ""),
    ("Zofia", "Adamczyk", Stage.GRADUATE, "", ""),
    ("Bartosz", "Baran", Stage.DIAGNOSIS, "", ""),
    ("Celina", "Chmiel", Stage.APPLICANT, "", ""),
]

PATH = [Stage.DIAGNOSIS, Stage.TRIAL, Stage.PARTICIPANT, Stage.GRADUATE]
# Days spent in each stage before moving on, so the history looks like a real programme.
DAYS_IN_STAGE = {
    Stage.APPLICANT: 10,
    Stage.DIAGNOSIS: 14,
    Stage.TRIAL: 31,
    Stage.PARTICIPANT: 200,
    Stage.GRADUATE: 60,
}


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, password or PIN, who) for every demo login, as `make run` prints them."""
    logins = [
        (s.username, STAFF_PASSWORD, f"{s.role.label}: {s.first_name} {s.last_name}") for s in STAFF
    ]
    for number, (first, last, stage, _reason, _language) in enumerate(TRAINEES, start=1):
        logins.append(
            (
                trainee_username(number),
                TRAINEE_PIN,
                f"{Role.TRAINEE.label} ({Stage(stage).label}): {first} {last}, card {card(number)}",
            )
        )
    return logins


def trainee_username(number: int) -> str:
    return f"trainee{number:02d}"


def card(number: int) -> str:
    return f"C-{1000 + number}"


@transaction.atomic
def load() -> None:
    workshops = {name: _workshop(name, kind, skills) for name, (kind, skills) in WORKSHOPS.items()}
    staff = {s.username: _staff(s, workshops) for s in STAFF}
    today = timezone.localdate()
    workshop_list = list(workshops.values())
    for number, (first, last, stage, reason, language) in enumerate(TRAINEES, start=1):
        if Trainee.objects.filter(card_number=card(number)).exists():
            continue
        trainee = _trainee(number, first, last, language, stage, reason, today, staff["manager"])
        trainee.workshops.add(workshop_list[(number - 1) % len(workshop_list)])
        care_worker = "care.psychologist" if number % 2 else "care.social"
        staff[care_worker].staff_member.caseload.add(trainee)


def _workshop(name: str, kind: str, skills: list[str]) -> Workshop:
    workshop, _created = Workshop.objects.get_or_create(
        name=in_site_language(name), defaults={"kind": kind}
    )
    for skill in skills:
        Skill.objects.get_or_create(workshop=workshop, name=in_site_language(skill))
    return workshop


def _user(username: str, first_name: str, last_name: str, password: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _staff(demo: DemoStaff, workshops: dict[str, Workshop]) -> User:
    user = _user(demo.username, demo.first_name, demo.last_name, STAFF_PASSWORD)
    if not StaffMember.objects.filter(user=user).exists():
        member = StaffMember.appoint(
            user, demo.role, COMMAND_LINE, care_profession=demo.care_profession
        )
        member.workshops.set([workshops[name] for name in demo.workshops])
    return user


def _schedule(
    number: int, final_stage: str, exit_reason: str, today: datetime.date
) -> tuple[datetime.date, list[tuple[str, datetime.date, str]]]:
    """When the demo trainee applied, and each (stage, day, exit reason) they moved to."""
    steps = PATH[: PATH.index(Stage(final_stage)) + 1] if final_stage in PATH else []
    if final_stage == Stage.EXITED:
        steps = PATH[:3]  # exited from participation
    days = [DAYS_IN_STAGE[Stage.APPLICANT]] + [DAYS_IN_STAGE[step] for step in steps[:-1]]
    if final_stage == Stage.EXITED:
        days.append(DAYS_IN_STAGE[Stage.PARTICIPANT] // 2)
    # The last change happened a few days ago; earlier ones further back.
    applied_on = today - datetime.timedelta(days=sum(days) + number)
    moves, on = [], applied_on
    for step, length in zip(steps, days, strict=False):
        on += datetime.timedelta(days=length)
        moves.append((str(step), on, ""))
    if final_stage == Stage.EXITED:
        moves.append((Stage.EXITED, on + datetime.timedelta(days=days[-1]), exit_reason))
    return applied_on, moves


def goes_beyond_diagnosis(trainee: Trainee) -> bool:
    """Whether a demo trainee's programme goes on past the diagnosis (the care demo gives them
    their three positive diagnoses before they move on)."""
    for number, (_first, _last, stage, _reason, _language) in enumerate(TRAINEES, start=1):
        if card(number) == trainee.card_number:
            return stage not in (Stage.APPLICANT, Stage.DIAGNOSIS)
    return False


@transaction.atomic
def advance() -> None:
    """Move the demo trainees on from the diagnosis, once the care demo has their diagnoses."""
    manager = User.objects.get(username="manager")
    today = timezone.localdate()
    for number, (_first, _last, stage, reason, _language) in enumerate(TRAINEES, start=1):
        trainee = Trainee.objects.filter(card_number=card(number), stage=Stage.DIAGNOSIS).first()
        if trainee is None:
            continue
        for step, on, exit_reason in _schedule(number, stage, reason, today)[1][1:]:
            trainee.move_to(step, on, by=manager, exit_reason=exit_reason)


def _trainee(
    number: int,
    first: str,
    last: str,
    language: str,
    final_stage: str,
    exit_reason: str,
    today: datetime.date,
    manager: User,
) -> Trainee:
    """The demo trainee, moved as far as the diagnosis (``advance`` takes them further)."""
    applied_on, moves = _schedule(number, final_stage, exit_reason, today)
    trainee = Trainee.objects.create(
        user=_user(trainee_username(number), first, last, TRAINEE_PIN),
        first_name=first,
        last_name=last,
        card_number=card(number),
        preferred_language=language,
        applied_on=applied_on,
        stage_since=applied_on,
        created_by=manager,
        modified_by=manager,
    )
    for step, on, _reason in moves[:1]:
        trainee.move_to(step, on, by=manager)
    return trainee
