"""reintegra --site S backup-key — make the key that encrypts the site's backups."""

from typing import Any

from django.core.management.base import BaseCommand

from reintegra_coop.bench.encryption import new_key
from reintegra_coop.bench.site_config import load_site


class Command(BaseCommand):
    help = "Write a new backup key into the file the site's [backup] key_file names."

    def handle(self, *args: Any, **options: Any) -> None:
        path = new_key(load_site())
        self.stdout.write(f"Wrote a new backup key to {path}; keep a copy away from the backups.")
