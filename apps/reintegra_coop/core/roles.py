"""The five roles of DESIGN.md, their Django groups and the model permissions each group holds
in the back office (Django admin). Row-level limits are in scoping.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MANAGER = "manager", _("Manager")
    INSTRUCTOR = "instructor", _("Instructor")
    CARE_WORKER = "care_worker", _("Care worker")
    ACCOUNTANT = "accountant", _("Accountant")
    TRAINEE = "trainee", _("Trainee")


GROUP_NAMES = {
    Role.MANAGER: "Manager",
    Role.INSTRUCTOR: "Instructor",
    Role.CARE_WORKER: "Care worker",
    Role.ACCOUNTANT: "Accountant",
    Role.TRAINEE: "Trainee",
}

STAFF_ROLES = (Role.MANAGER, Role.INSTRUCTOR, Role.CARE_WORKER, Role.ACCOUNTANT)


class CommandLine:
    """Whoever runs the bench's commands on the server (create-user, load-demo): the site's
    administrator, who may grant every role."""

    pk = None
    is_superuser = True

    def __repr__(self) -> str:
        return "the command line"


COMMAND_LINE = CommandLine()

# Who may grant which staff role (DESIGN.md, "Who may hold and grant a role"). A login is a
# trainee's or a staff member's, never both, and a trainee's login never has staff or superuser
# flags: people/models.py keeps those two rules for every path that saves a login.
GRANTS: dict[str, frozenset[Role]] = {
    "superuser": frozenset(STAFF_ROLES),
    Role.MANAGER: frozenset({Role.INSTRUCTOR, Role.CARE_WORKER, Role.ACCOUNTANT}),
}


# "app_label.codename" permissions per role. Later areas add their models here.
def _perms(app: str, actions: tuple[str, ...], *models: str) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in actions]


VIEW, EDIT = ("view",), ("view", "add", "change")
# Recorded on the pathway pages, where their rules run; the back office reads them.
PATHWAY_MODELS = (
    "organisation",
    "contact",
    "agreement",
    "referral",
    "opening",
    "openingskill",
    "placement",
    "placementfeedback",
    "exit",
    "followup",
    "participantprofile",
)

# "app_label.codename" permissions per role, for the back office and the REST API.
# Row-level limits on top of these are in scoping.py. Later areas add their models here.
GROUP_PERMISSIONS: dict[Role, list[str]] = {
    Role.MANAGER: [
        *_perms("people", EDIT, "trainee", "workshop", "skill", "staffmember"),
        "people.view_stagechange",
        "auth.view_user",
        "auth.change_user",
        "sequences.view_sequence",
        *_perms(
            "orders",
            EDIT,
            "customer",
            "catalogueitem",
            "order",
            "orderline",
            "productiontask",
            "productionlot",
            "vatrate",
        ),
        "orders.delete_order",
        "orders.delete_orderline",
        *_perms("orders", VIEW, "orderstatuschange", "stockmovement", "delivery", "invoice"),
        *_perms("work", EDIT, "shifttemplate", "shift", "shiftassignment", "worklog"),
        *_perms("work", VIEW, "lockedperiod"),  # the pay period sets it
        "work.delete_shift",
        "work.delete_shiftassignment",
        *_perms("care", VIEW, "workconstraint", "unavailableblock"),
        *_perms(
            "pay",
            EDIT,
            "stipendsetting",
            "payscheme",
            "piecework",
            "bonus",
            "advance",
            "debtrepaymentplan",
        ),
        *_perms("pay", EDIT, "hourlyrate"),
        *_perms("pay", VIEW, "payperiod", "payslip"),
        *_perms(
            "housing",
            EDIT,
            "housingunit",
            "rentchange",
            "tenancy",
            "rentpayment",
            "inkindvaluesetting",
        ),
        *_perms("housing", VIEW, "storedstatement"),
        *_perms("care", EDIT, "communityserviceorder"),
        *_perms(
            "care", VIEW, "individualplan", "socialcontract", "participationpause", "milestone"
        ),
        *_perms("privacy", VIEW, "consent", "legalhold", "disclosurelog"),
        *_perms("pathways", VIEW, *PATHWAY_MODELS),
        "pathways.view_fundingproject",
        *_perms("pathways", EDIT, "dayworklimit"),
        *_perms("pathways", VIEW, "dayworker", "dayjob", "daywork", "cashentry", "cashclosing"),
    ],
    Role.INSTRUCTOR: [
        *_perms("people", VIEW, "trainee", "workshop", "skill"),
        "people.add_skill",
        "people.change_skill",
        *_perms("orders", VIEW, "productiontask", "productionlot", "stockmovement"),
        "orders.change_productiontask",
        "orders.add_productionlot",
        *_perms("work", EDIT, "shift", "shiftassignment", "worklog"),
        "work.view_shifttemplate",
        "work.delete_shiftassignment",
        *_perms("care", VIEW, "workconstraint", "unavailableblock", "milestone"),
        "care.change_milestone",
    ],
    Role.CARE_WORKER: [
        *_perms("people", VIEW, "trainee", "workshop", "skill", "stagechange"),
        *_perms("work", VIEW, "worklog", "shift", "shiftassignment"),
        *_perms("care", EDIT, "workconstraint", "unavailableblock"),
        "care.delete_unavailableblock",
        *_perms(
            "care",
            EDIT,
            "communityserviceorder",
            "therapyplan",
            "diagnosis",
            "individualplan",
            "plangoal",
            "planreview",
            "socialcontract",
            "participationpause",
            "milestone",
        ),
        "care.view_clinicalread",
        *_perms("housing", VIEW, "tenancy", "housingunit"),
        *_perms("privacy", VIEW, "consent"),
        *_perms("pathways", VIEW, *PATHWAY_MODELS),
    ],
    Role.ACCOUNTANT: [
        *_perms("people", VIEW, "trainee", "workshop"),
        *_perms(
            "orders",
            VIEW,
            "customer",
            "catalogueitem",
            "order",
            "orderline",
            "orderstatuschange",
            "delivery",
            "invoice",
            "vatrate",
        ),
        *_perms("work", VIEW, "worklog", "lockedperiod"),
        *_perms("pay", VIEW, "payperiod", "payslip", "payscheme", "stipendsetting", "hourlyrate"),
        *_perms(
            "housing",
            VIEW,
            "tenancy",
            "rentpayment",
            "housingunit",
            "rentchange",
            "storedstatement",
        ),
    ],
    Role.TRAINEE: [],
}

_ROLE_CACHE = "_reintegra_role"
_HELD_ROLE_CACHE = "_reintegra_held_role"

#: Which role a login's records give it is the people area's to answer (a staff record, a
#: trainee record); people offers the two look-ups at start-up (people/apps.py), so core never
#: imports it. ``current``: the role of an active staff record or a trainee record; ``held``:
#: also an inactive staff record's role.
RoleLookup = Callable[[Any], "Role | None"]
_lookups: dict[str, RoleLookup] = {}


def offer_role_lookups(current: RoleLookup, held: RoleLookup) -> None:
    _lookups.update(current=current, held=held)


def _lookup(kind: str) -> RoleLookup:
    try:
        return _lookups[kind]
    except KeyError:
        raise ImproperlyConfigured("No area offers role look-ups (people/apps.py does).") from None


def role_of(user: AbstractBaseUser | AnonymousUser | None) -> Role | None:
    """The user's role, or None for an anonymous user or a login without a role (an outsider).

    A superuser without a staff record counts as a manager. Cached on the user object, so one
    request asks the database once.
    """
    if user is None or not user.is_authenticated:
        return None
    if hasattr(user, _ROLE_CACHE):
        return getattr(user, _ROLE_CACHE)
    role = _look_up_role(user)
    setattr(user, _ROLE_CACHE, role)
    return role


def _look_up_role(user: Any) -> Role | None:
    role = _lookup("current")(user)
    if role is None and user.is_superuser:
        return Role.MANAGER
    return role


def remember_held_role(user: Any, role: Role | None) -> None:
    """Tell held_role what a list already loaded (a staff list), so it asks nothing per row."""
    setattr(user, _HELD_ROLE_CACHE, role)


def forget_role(user: Any) -> None:
    if hasattr(user, _ROLE_CACHE):
        delattr(user, _ROLE_CACHE)


def sync_groups() -> None:
    """Create the groups and give each exactly the permissions in GROUP_PERMISSIONS."""
    for role, codes in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=GROUP_NAMES[role])
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)


def sync_groups_after_migrate(using: str = "default", **kwargs: Any) -> None:
    # post_migrate fires app by app; make sure every app's permissions exist first.
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_groups()


def _is_superuser(actor: Any) -> bool:
    return actor is COMMAND_LINE or bool(getattr(actor, "is_superuser", False))


def grantable_roles(actor: Any) -> frozenset[Role]:
    """The staff roles ``actor`` may give or take away: a superuser (or the command line) any,
    a manager instructor, care worker and accountant, everyone else none."""
    if _is_superuser(actor):
        return GRANTS["superuser"]
    return GRANTS.get(role_of(actor) or "", frozenset())


def may_grant(actor: Any, role: str) -> bool:
    return role in grantable_roles(actor)


def may_grant_care_lead(actor: Any) -> bool:
    """A care lead is a care worker with the flag, granted by a manager (or a superuser)."""
    return may_grant(actor, Role.CARE_WORKER)


def may_manage_login(actor: Any, login: Any) -> bool:
    """Whether ``actor`` may change ``login``: its details and its staff record. A superuser may
    change any; a manager a trainee's, a role-less one, their own and those of the roles a
    manager grants (a deactivated manager's stays a superuser's); nobody else any."""
    if _is_superuser(actor):
        return True
    if role_of(actor) != Role.MANAGER or getattr(login, "is_superuser", False):
        return False
    if login.pk == actor.pk:
        return True
    role = held_role(login)
    return role is None or role == Role.TRAINEE or may_grant(actor, role)


def may_set_password(actor: Any, login: Any) -> bool:
    """Whether ``actor`` may set ``login``'s password or PIN: as may_manage_login, but a care
    worker's only a superuser sets (the login reads clinical records; a manager who knew its
    password could read them as the care worker)."""
    if _is_superuser(actor):
        return True
    if login.pk != getattr(actor, "pk", None) and held_role(login) == Role.CARE_WORKER:
        return False
    return may_manage_login(actor, login)


def held_role(user: Any) -> Role | None:
    """The role a login holds or held: a staff record's role even while it is inactive (a
    deactivated manager's login is still a manager's to protect)."""
    if hasattr(user, _HELD_ROLE_CACHE):
        return getattr(user, _HELD_ROLE_CACHE)
    role = _lookup("held")(user)
    if role is None and getattr(user, "is_superuser", False):
        role = Role.MANAGER
    setattr(user, _HELD_ROLE_CACHE, role)
    return role
