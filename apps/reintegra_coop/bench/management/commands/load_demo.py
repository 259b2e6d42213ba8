"""Load the demo cooperative: each area adds its part, in an order that keeps the rules (the
care constraints exist before the month of work, which keeps them). The bench is the top
floor, so it may ask every area."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from reintegra_coop.care import demo as care
from reintegra_coop.orders import demo as orders
from reintegra_coop.orders.seller import site_seller_problems
from reintegra_coop.pathways import demo as pathways
from reintegra_coop.pay import demo as pay
from reintegra_coop.people import demo as people
from reintegra_coop.privacy import demo as privacy
from reintegra_coop.work import demo as work

STEPS: list[Callable[[], None]] = [
    people.load,
    care.load_diagnoses,  # before the trial: it needs the three positive diagnoses
    people.advance,
    orders.load,
    care.load_constraints,
    work.load,
    pay.load,
    care.load,
    pathways.load,  # after the month of work: placement days keep its rules
    privacy.load,  # consents to share data with a partner, before
    pathways.load_referrals,  # the referrals that need them
]


class Command(BaseCommand):
    help = "Load the demo cooperative (safe to run again: existing records are left alone)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the logins")

    def handle(self, *args: Any, **options: Any) -> None:
        for step in STEPS:
            step()
        self.stdout.write(self.style.SUCCESS("Demo cooperative loaded."))
        problems = site_seller_problems()
        if problems:
            self.stdout.write(
                self.style.WARNING(
                    "No demo invoices: the site's [cooperative] lacks "
                    + ", ".join(sorted(problems))
                    + " (new-site --example-seller fills in made-up ones)."
                )
            )
        if not options["quiet_logins"]:
            self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("\nDemo logins (username / password or PIN):")
        for username, secret, who in people.demo_logins():
            self.stdout.write(f"  {username:<24} {secret:<16} {who}")
        self.stdout.write(
            f"\nTrainees may also log in with their card number. Language: {settings.LANGUAGE_CODE}"
        )
