"""Logging in: staff with their username, trainees with their username or the number on their
card, and a PIN set by staff. Whatever was typed — a name in any letter case, or the card
number — resolves to one account, and wrong tries are counted against that account
(django-axes calls ``account_name``; see core/lockout.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest

from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.sites import site_setting

from .models import StaffMember, Trainee

BACKEND = "reintegra_coop.people.logins.UsernameOrCardNumberBackend"


def find_login(typed: str) -> User | None:
    """The login a person means by ``typed``: a username (any letter case) or a card number."""
    typed = typed.strip()
    if not typed:
        return None
    user = get_user_model()._default_manager.filter(username__iexact=typed).first()
    if user is not None:
        return user
    trainee = Trainee.objects.filter(card_number__iexact=typed).select_related("user").first()
    return trainee.user if trainee is not None else None


def login_name_in_use(name: str, trainee: Trainee | None = None) -> bool:
    """Whether ``name`` already opens a login — as a username or as a card number, in any
    letter case — other than ``trainee``'s own. Usernames are looked up before card numbers,
    so a username equal to someone's card number would take over their card login."""
    name = name.strip()
    usernames = get_user_model()._default_manager.filter(username__iexact=name)
    cards = Trainee.objects.filter(card_number__iexact=name)
    if trainee is not None and trainee.pk:
        cards = cards.exclude(pk=trainee.pk)
        if trainee.user_id:
            usernames = usernames.exclude(pk=trainee.user_id)
    return usernames.exists() or cards.exists()


def account_name(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The name wrong tries are counted under: the account's username, whatever was typed, or
    the typed text in lower case when it names no account."""
    typed = str((credentials or {}).get("username") or "")
    if not typed and request is not None:
        typed = str(request.POST.get("username", ""))
    login = find_login(typed)
    return login.get_username() if login is not None else typed.strip().lower()


def may_print_login_codes(actor: Any) -> bool:
    """One-time login codes are printed by managers; by care leads too where the site says so
    (CARE_LEADS_PRINT_LOGIN_CODES)."""
    role = role_of(actor)
    if role == Role.MANAGER:
        return True
    if role == Role.CARE_WORKER and site_setting("CARE_LEADS_PRINT_LOGIN_CODES"):
        return StaffMember.objects.filter(user=actor, active=True, care_lead=True).exists()
    return False


class UsernameOrCardNumberBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = find_login(username)
        if user is None:
            # Spend the same time as a real check, so a wrong name cannot be told apart.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
