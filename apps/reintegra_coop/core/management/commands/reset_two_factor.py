"""reintegra --site S reset-two-factor USERNAME: take away a login's phone (any login, a
superuser's too); it sets up a new one at its next login. Kept like a manager's reset."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reintegra_coop.core import two_factor
from reintegra_coop.core.roles import COMMAND_LINE


class Command(BaseCommand):
    help = "Reset a login's two-factor phone (a lost one): it sets up a new one at next login."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["username"].strip()
        login = get_user_model()._default_manager.filter(username__iexact=name).first()
        if login is None:
            raise CommandError(f"No login is named {name!r}.")
        two_factor.reset(login, by=COMMAND_LINE)
        self.stdout.write(f"{login.get_username()} sets up a phone again at the next login.")
