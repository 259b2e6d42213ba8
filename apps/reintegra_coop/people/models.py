"""People: workshops and their skills, trainees and their programme stage, and staff."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import money_field
from reintegra_coop.core.roles import (
    COMMAND_LINE,
    GROUP_NAMES,
    Role,
    forget_role,
    may_grant,
    may_grant_care_lead,
    may_manage_login,
    role_of,
)
from reintegra_coop.core.scoping import Visibility

from .exceptions import InvalidTransitionError
from .identity import national_id_problem, plausible_birth_date
from .querysets import TraineeQuerySet
from .stages import missing_for, standing_in_the_way


class WorkshopKind(models.TextChoices):
    ECO_PRODUCTION = "eco_production", _("Eco-production")
    CRAFT_WORKSHOP = "craft_workshop", _("Craft workshop")
    SERVICE_CREW = "service_crew", _("Service crew")
    PLACEMENT = "placement", _("Placement at an employer")


class Workshop(TrackedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=WorkshopKind.choices)
    description = models.TextField(_("description"), blank=True)
    labour_cost_rate = money_field(
        _("labour cost per hour"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("What an hour of trainee work costs the cooperative; used for order margins."),
    )
    partner_employer = models.BooleanField(
        _("partner employer (placement)"),
        default=False,
        help_text=_("Work logged here counts as placement days."),
    )
    active = models.BooleanField(_("active"), default=True)

    visibility: ClassVar[Visibility] = Visibility(workshop="")

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Skill(TrackedModel):
    """Something a trainee practises in a workshop (e.g. planing, sewing a hem)."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("workshop"), on_delete=models.PROTECT, related_name="skills"
    )
    name = models.CharField(_("name"), max_length=100)

    visibility: ClassVar[Visibility] = Visibility(workshop="workshop")

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["workshop__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "name"], name="unique_skill_per_workshop")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.workshop})"


class Stage(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    DIAGNOSIS = "diagnosis", _("Diagnosis")
    TRIAL = "trial", _("Trial")
    PARTICIPANT = "participant", _("Participant")
    GRADUATE = "graduate", _("Graduate")
    EXITED = "exited", _("Exited")


class ExitReason(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")
    TRANSFER = "transfer", _("Transfer")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    TERMINATED = "terminated", _("Terminated")
    OTHER = "other", _("Other")


# The programme moves one way: applicant → diagnosis → trial → participant → graduate,
# and anyone may exit (with a reason). A relapse pauses participation; it is not a stage.
ALLOWED_STAGE_CHANGES: dict[str, frozenset[str]] = {
    Stage.APPLICANT: frozenset({Stage.DIAGNOSIS, Stage.EXITED}),
    Stage.DIAGNOSIS: frozenset({Stage.TRIAL, Stage.EXITED}),
    Stage.TRIAL: frozenset({Stage.PARTICIPANT, Stage.EXITED}),
    Stage.PARTICIPANT: frozenset({Stage.GRADUATE, Stage.EXITED}),
    Stage.GRADUATE: frozenset({Stage.EXITED}),
    Stage.EXITED: frozenset(),
}

PROGRAMME_MONTHS = 12  # a trial month and up to 11 more; extensions are recorded on the plan

# A login is a trainee's or a staff member's, never both; a trainee's login never has back-office
# rights. The choice lists of every form (back office, API) offer only such logins, and the
# models refuse any other (clean() for forms, save() for every other path).
TRAINEE_LOGINS = models.Q(is_staff=False, is_superuser=False, staff_member__isnull=True)
STAFF_LOGINS = models.Q(trainee__isnull=True)

card_number_validator = RegexValidator(
    r"^[A-Za-z0-9-]{3,20}$", _("Use 3 to 20 letters, digits or dashes.")
)


class Trainee(TrackedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainee",
        limit_choices_to=TRAINEE_LOGINS,
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[plausible_birth_date]
    )
    national_id = models.CharField(
        _("national id (PESEL)"),
        max_length=20,
        blank=True,
        help_text=_("Optional. Checked against its check digit and the date of birth."),
    )
    card_number = models.CharField(
        _("card number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[card_number_validator],
        help_text=_(
            "Printed on the trainee's card; they may log in with it instead of a username."
        ),
    )
    stage = models.CharField(
        _("programme stage"), max_length=20, choices=Stage.choices, default=Stage.APPLICANT
    )
    stage_since = PlausibleDateField(_("in this stage since"), default=timezone.localdate)
    applied_on = PlausibleDateField(_("applied on"), default=timezone.localdate)
    participation_started_on = PlausibleDateField(
        _("participation started on"),
        null=True,
        blank=True,
        help_text=_("The first day of the trial month."),
    )
    planned_end_on = PlausibleDateField(_("planned end of participation"), null=True, blank=True)
    exited_on = PlausibleDateField(_("exited on"), null=True, blank=True)
    exit_reason = models.CharField(
        _("exit reason"), max_length=20, choices=ExitReason.choices, blank=True
    )
    workshops = models.ManyToManyField(
        Workshop, verbose_name=_("workshops"), related_name="trainees", blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )
    # A record entered by mistake is withdrawn, never deleted: hidden from lists, kept in history.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawal_reason = models.CharField(
        _("why it was withdrawn"), max_length=200, blank=True, editable=False
    )

    objects = TraineeQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(trainee="")

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id="") & models.Q(withdrawn_at__isnull=True),
                name="unique_national_id_of_current_trainees",
                violation_error_message=_("Another trainee already has this national id."),
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        super().clean()
        problem = trainee_login_problem(self.user)
        if problem:
            raise ValidationError({"user": problem})
        id_problem = national_id_problem(self.national_id, self.date_of_birth)
        if id_problem:
            raise ValidationError({"national_id": id_problem})

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            problem = trainee_login_problem(self.user)
            if problem:
                raise ValidationError({"user": problem})
            super().save(*args, **kwargs)
            if self.user is not None:
                self.user.groups.add(Group.objects.get_or_create(name=GROUP_NAMES[Role.TRAINEE])[0])

    def move_to(
        self,
        stage: str,
        on: datetime.date,
        by: Any = None,
        exit_reason: str = "",
        note: str = "",
    ) -> StageChange:
        """Move the trainee to the next programme stage, recording it in the stage history."""
        with transaction.atomic():
            current = Trainee.objects.select_for_update().get(pk=self.pk)
            _check_stage_change(current, stage, on, exit_reason)
            change = StageChange(
                trainee=current,
                from_stage=current.stage,
                to_stage=stage,
                on=on,
                exit_reason=exit_reason,
                note=note,
            )
            change.stamp(by)
            change.save()
            current.stage, current.stage_since = stage, on
            if stage == Stage.TRIAL:
                current.participation_started_on = on
                current.planned_end_on = add_months(on, PROGRAMME_MONTHS) - datetime.timedelta(1)
            if stage == Stage.EXITED:
                current.exited_on, current.exit_reason = on, exit_reason
            current.stamp(by)
            current.save()
        self.refresh_from_db()
        return change

    def undo_stage_change(self, by: Any, reason: str) -> StageChange:
        """Take back the last stage change (a manager, with a reason): the trainee returns to the
        stage before it; the change stays in the history, marked as undone."""
        reason = reason.strip()
        if by is not COMMAND_LINE and role_of(by) != Role.MANAGER:
            raise InvalidTransitionError(gettext("Only a manager may undo a stage change."))
        if not reason:
            raise InvalidTransitionError(gettext("Say why the change is undone."))
        with transaction.atomic():
            current = Trainee.objects.select_for_update().get(pk=self.pk)
            changes = list(current.stage_changes.filter(undone_at__isnull=True).order_by("-pk"))
            if not changes:
                raise InvalidTransitionError(gettext("There is no stage change to undo."))
            last = changes[0]
            if last.to_stage == Stage.TRIAL:
                problems = standing_in_the_way(current, "undo_trial", last.on)
                if problems:
                    raise InvalidTransitionError(" ".join(problems))
            last.undone_at, last.undo_reason = timezone.now(), reason
            last.undone_by = None if by is COMMAND_LINE else by
            last.stamp(by)
            last.save()
            current.stage = last.from_stage
            current.stage_since = changes[1].on if len(changes) > 1 else current.applied_on
            if last.to_stage == Stage.TRIAL:
                current.participation_started_on = current.planned_end_on = None
            if last.to_stage == Stage.EXITED:
                current.exited_on, current.exit_reason = None, ""
            current.stamp(by)
            current.save()
        self.refresh_from_db()
        return last

    @property
    def may_be_withdrawn(self) -> bool:
        """Only a record that never started work may be withdrawn as a mistake."""
        return self.withdrawn_at is None and self.stage in (Stage.APPLICANT, Stage.DIAGNOSIS)

    def withdraw(self, by: Any, reason: str) -> None:
        """Withdraw a record entered by mistake (a manager, with a reason): hidden from every
        list, its login switched off, kept with its history. Nothing is deleted."""
        reason = reason.strip()
        if by is not COMMAND_LINE and role_of(by) != Role.MANAGER:
            raise InvalidTransitionError(gettext("Only a manager may withdraw a record."))
        if not reason:
            raise InvalidTransitionError(gettext("Say why the record is withdrawn."))
        with transaction.atomic():
            current = Trainee.objects.select_for_update().get(pk=self.pk)
            if not current.may_be_withdrawn:
                raise InvalidTransitionError(
                    gettext(
                        "Only an applicant or a trainee in diagnosis can be withdrawn; "
                        "a trainee who started the programme leaves it with an exit."
                    )
                )
            problems = standing_in_the_way(current, "withdraw")
            if problems:
                raise InvalidTransitionError(" ".join(problems))
            current.withdrawn_at, current.withdrawal_reason = timezone.now(), reason
            current.withdrawn_by = None if by is COMMAND_LINE else by
            current.stamp(by)
            current.save()
            if current.user is not None and current.user.is_active:
                current.user.is_active = False
                current.user.save(update_fields=["is_active"])
        self.refresh_from_db()


def trainee_login_problem(user: Any) -> str | None:
    """Why ``user`` cannot be a trainee's login, or None if it can."""
    if user is None:
        return None
    if user.is_superuser or user.is_staff:
        return gettext("This login has back-office rights; a trainee's login never has them.")
    if user.pk and StaffMember.objects.filter(user_id=user.pk).exists():
        return gettext("This login belongs to a member of staff.")
    return None


def _check_stage_change(trainee: Trainee, stage: str, on: datetime.date, exit_reason: str) -> None:
    if stage not in Stage.values:
        raise InvalidTransitionError(
            gettext("%(stage)s is not a programme stage.") % {"stage": stage}
        )
    if stage not in ALLOWED_STAGE_CHANGES[trainee.stage]:
        raise InvalidTransitionError(
            gettext("A trainee cannot move from %(current)s to %(new)s.")
            % {"current": Stage(trainee.stage).label, "new": Stage(stage).label}
        )
    if on < trainee.stage_since:
        raise InvalidTransitionError(
            gettext(
                "The date of the change cannot be before %(date)s, when the current stage began."
            )
            % {"date": trainee.stage_since.isoformat()}
        )
    if stage == Stage.EXITED and exit_reason not in ExitReason.values:
        raise InvalidTransitionError(gettext("An exit needs a reason."))
    if stage != Stage.EXITED and exit_reason:
        raise InvalidTransitionError(gettext("Only an exit has an exit reason."))
    missing = missing_for(trainee, stage)
    if missing:
        raise InvalidTransitionError(" ".join(missing))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day if it is shorter."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class StageChange(TrackedModel):
    """One step in a trainee's programme: the stage history."""

    trainee = models.ForeignKey(
        Trainee, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    on = PlausibleDateField(_("date"))
    exit_reason = models.CharField(
        _("exit reason"), max_length=20, choices=ExitReason.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True, editable=False)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    undo_reason = models.CharField(
        _("why it was undone"), max_length=200, blank=True, editable=False
    )

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee")

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage history")
        ordering = ["trainee", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"


class CareProfession(models.TextChoices):
    THERAPIST = "therapist", _("Therapist")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    VOCATIONAL_COUNSELLOR = "vocational_counsellor", _("Vocational counsellor")
    CASE_MANAGER = "case_manager", _("Case manager")


class StaffMember(TrackedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.PROTECT,
        related_name="staff_member",
        limit_choices_to=STAFF_LOGINS,
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(role.value, role.label) for role in Role if role != Role.TRAINEE],
    )
    care_profession = models.CharField(
        _("care profession"), max_length=30, choices=CareProfession.choices, blank=True
    )
    workshops = models.ManyToManyField(
        Workshop,
        verbose_name=_("workshops"),
        related_name="instructors",
        blank=True,
        help_text=_("The workshops an instructor runs."),
    )
    caseload = models.ManyToManyField(
        Trainee,
        verbose_name=_("caseload"),
        related_name="care_workers",
        blank=True,
        help_text=_("The trainees a care worker looks after."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    care_lead = models.BooleanField(
        _("care lead"),
        default=False,
        help_text=_("May read the log of who read clinical records."),
    )
    active = models.BooleanField(_("active"), default=True)

    visibility: ClassVar[Visibility] = Visibility(managers_only=True, own_user="user")

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @classmethod
    def appoint(cls, user: Any, role: str, by: Any, **fields: Any) -> StaffMember:
        """Make ``user`` a member of staff with ``role``, granted by ``by`` (a user, or
        roles.COMMAND_LINE for the bench's commands)."""
        member = cls(user=user, role=role, **fields)
        member.stamp(by)
        member.save()
        return member

    def clean(self) -> None:
        super().clean()
        if self.user_id and Trainee.objects.filter(user_id=self.user_id).exists():
            raise ValidationError({"user": gettext("This login belongs to a trainee.")})
        actor = getattr(self, "_acting_user", None)
        known_role = self.role in Role.values  # else the role field reports the problem
        problem = self.grant_problem(actor) if actor is not None and known_role else None
        if problem:
            raise ValidationError({"role": problem})

    def grant_problem(self, actor: Any) -> str | None:
        """Why ``actor`` may not make this change to the staff record (DESIGN.md: a manager
        grants instructor, care worker and accountant; only a superuser grants manager), or
        None. Only a change of who holds which role needs a grant."""
        stored = StaffMember.objects.filter(pk=self.pk).first() if self.pk else None
        if stored is None:
            new_holder, role_changed, lead_changed = True, True, self.care_lead
        else:
            new_holder = stored.user_id != self.user_id
            role_changed = new_holder or (stored.role, stored.active) != (self.role, self.active)
            lead_changed = stored.care_lead != self.care_lead
        if not (role_changed or lead_changed):
            return None
        if actor is None:
            return gettext("A role is granted by someone: record who grants it.")
        for role in {self.role, *([stored.role] if stored else [])}:
            if role_changed and not may_grant(actor, role):
                if role == Role.MANAGER:
                    return gettext("Only a superuser gives or takes away the manager role.")
                return gettext("You may not give or take away the role %(role)s.") % {
                    "role": dict(Role.choices).get(role, role)
                }
        if lead_changed and not may_grant_care_lead(actor):
            return gettext("Only a manager makes a care worker a care lead.")
        if new_holder and self.user_id and not may_manage_login(actor, self.user):
            return gettext("You may not give a role to this login.")
        return None

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep the login's group and back-office access in line with the role."""
        with transaction.atomic():
            if self.user_id and Trainee.objects.filter(user_id=self.user_id).exists():
                raise ValidationError({"user": gettext("This login belongs to a trainee.")})
            problem = self.grant_problem(getattr(self, "_acting_user", None))
            if problem:
                raise ValidationError({"role": problem})
            super().save(*args, **kwargs)
            self._acting_user = None  # the next change says again who makes it
            user = self.user
            staff_groups = Group.objects.filter(
                name__in=[GROUP_NAMES[role] for role in GROUP_NAMES if role != Role.TRAINEE]
            )
            user.groups.remove(*staff_groups)
            if self.active:
                user.groups.add(Group.objects.get_or_create(name=GROUP_NAMES[Role(self.role)])[0])
            if user.is_staff != self.active:
                user.is_staff = self.active
                user.save(update_fields=["is_staff"])
            forget_role(user)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def keep_trainee_logins_out_of_the_back_office(sender: Any, instance: Any, **kwargs: Any) -> None:
    """The last guard, for paths without a form: a trainee's login never gets staff or
    superuser flags."""
    back_office = instance.is_staff or instance.is_superuser
    if back_office and instance.pk and Trainee.objects.filter(user_id=instance.pk).exists():
        raise ValidationError(
            gettext("This login belongs to a trainee; it never has back-office rights.")
        )
