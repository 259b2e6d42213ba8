"""Load the demo cooperative. Each area with a ``demo`` module adds its part, in order."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

AREAS_WITH_DEMO = ["people", "orders", "work", "pay", "care"]


class Command(BaseCommand):
    help = "Load the demo cooperative (safe to run again: existing records are left alone)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: Any, **options: Any) -> None:
        for area in AREAS_WITH_DEMO:
            import_module(f"reintegra_coop.{area}.demo").load()
        self.stdout.write(self.style.SUCCESS("Demo cooperative loaded."))
        if not options["quiet_logins"]:
            self.print_logins()

    def print_logins(self) -> None:
        from reintegra_coop.people.demo import demo_logins

        self.stdout.write("\nDemo logins (username / password or PIN):")
        for username, secret, who in demo_logins():
            self.stdout.write(f"  {username:<24} {secret:<16} {who}")
        self.stdout.write(
            f"\nTrainees may also log in with their card number. Language: {settings.LANGUAGE_CODE}"
        )
