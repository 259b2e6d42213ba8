"""Create a staff login with a role, or a trainee with a PIN login. The command line acts as
the site's administrator (roles.COMMAND_LINE): it may grant every role, but a trainee's login
still never gets back-office rights."""

import getpass
import os
import sys
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reintegra_coop.core.forms import SetPinForm
from reintegra_coop.core.roles import COMMAND_LINE, Role
from reintegra_coop.people.logins import login_name_in_use
from reintegra_coop.people.models import StaffMember, Trainee, Workshop, card_number_validator


class Command(BaseCommand):
    help = (
        "Create a login. Staff get a role; trainees get a PIN. The password or PIN comes from "
        "--password, else $REINTEGRA_PASSWORD, else a prompt."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--workshop",
            action="append",
            default=[],
            help="a workshop an instructor runs or a trainee works in (repeatable)",
        )
        parser.add_argument("--card-number", default=None, help="trainees only")
        parser.add_argument("--password", default=None, help="password, or a trainee's PIN")
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="also give every back-office right (for the site's administrator)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip().lower()
        role = Role(options["role"])
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        if login_name_in_use(username):
            raise CommandError(f"{username!r} is a trainee's card number: choose another name.")
        if role == Role.TRAINEE and options["superuser"]:
            raise CommandError("A trainee's login never has back-office rights: drop --superuser.")
        card_number = (options["card_number"] or "").strip() or None
        if card_number:
            try:
                card_number_validator(card_number)
            except ValidationError as error:
                raise CommandError(f"--card-number: {' '.join(error.messages)}") from None
        if card_number and login_name_in_use(card_number):
            raise CommandError(f"The card number {card_number!r} is already taken.")
        workshops = self._workshops(options["workshop"])
        secret = options["password"] or os.environ.get("REINTEGRA_PASSWORD") or self._prompt(role)
        self._check_secret(role, secret, username)
        with transaction.atomic():
            user = User(
                username=username,
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                is_superuser=options["superuser"],
            )
            user.set_password(secret)
            user.save()
            if role == Role.TRAINEE:
                trainee = Trainee.objects.create(
                    user=user,
                    first_name=options["first_name"] or username,
                    last_name=options["last_name"],
                    card_number=card_number,
                )
                trainee.workshops.set(workshops)
            else:
                member = StaffMember.appoint(user, role, COMMAND_LINE)
                member.workshops.set(workshops)
        self.stdout.write(self.style.SUCCESS(f"Created {role.label} login {username!r}."))

    def _workshops(self, names: list[str]) -> list[Workshop]:
        found = list(Workshop.objects.filter(name__in=names))
        missing = set(names) - {workshop.name for workshop in found}
        if missing:
            raise CommandError(f"No workshop named {', '.join(sorted(missing))!r}.")
        return found

    def _prompt(self, role: Role) -> str:
        if not sys.stdin.isatty():
            raise CommandError("Give a password with --password or $REINTEGRA_PASSWORD.")
        label = "PIN" if role == Role.TRAINEE else "Password"
        first, second = getpass.getpass(f"{label}: "), getpass.getpass(f"{label} again: ")
        if first != second:
            raise CommandError(f"The two {label}s differ.")
        return first

    def _check_secret(self, role: Role, secret: str, username: str) -> None:
        if role == Role.TRAINEE:
            form = SetPinForm(None, {"new_password1": secret, "new_password2": secret})
            if not form.is_valid():
                raise CommandError(
                    " ".join(str(e) for errors in form.errors.values() for e in errors)
                )
            return
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(secret, User(username=username))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
