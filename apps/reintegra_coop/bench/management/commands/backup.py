"""reintegra --site S backup [--to FOLDER] [--encrypt] [--keep-daily N --keep-monthly M]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from reintegra_coop.bench import backup
from reintegra_coop.bench.management.commands.prune_backups import prune
from reintegra_coop.bench.site_config import load_site


class Command(BaseCommand):
    help = (
        "Back up the site (database, uploaded files, config) into one dated archive with a "
        "checksum; with --keep-daily/--keep-monthly, delete the older archives afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, help="folder for the archive (sites/S/backups)")
        parser.add_argument("--encrypt", action="store_true", help="with [backup] key_file")
        parser.add_argument("--keep-daily", type=int, help="keep the newest of N days")
        parser.add_argument("--keep-monthly", type=int, default=0, help="and of M months")

    def handle(self, *args: Any, **options: Any) -> None:
        site = load_site()
        key = None
        if options["encrypt"]:
            from reintegra_coop.bench.encryption import read_key

            key = read_key(site)
        applied = MigrationRecorder(connection).applied_migrations()
        folder = options["to"] or backup.default_folder(site)
        archive = backup.back_up(site, folder, [f"{app}.{name}" for app, name in applied], key)
        self.stdout.write(f"Backed up site {site.name!r} to {archive}")
        if options["keep_daily"] is not None:
            for deleted in prune(site.name, folder, options["keep_daily"], options["keep_monthly"]):
                self.stdout.write(f"Deleted old backup {deleted}")
