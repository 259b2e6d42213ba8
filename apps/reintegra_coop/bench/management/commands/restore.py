"""reintegra --site S restore ARCHIVE — into a new, empty site (reintegra new-site S first)."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from reintegra_coop.bench import restore
from reintegra_coop.bench.site_config import load_site


class Command(BaseCommand):
    help = "Restore a backup archive into this empty site, after checking its checksum."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        site = load_site()
        archive = options["archive"].resolve()
        restore.verify_checksum(archive)  # first: nothing is read from a changed archive
        with restore.open_archive(archive, site) as tar:
            manifest = restore.read_manifest(tar, archive)
            known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
            restore.check_it_fits(manifest, site, {f"{app}.{name}" for app, name in known})
            restore.check_site_is_empty(site)
            restore.restore(tar, site)
        call_command("migrate", "--no-input", verbosity=0)
        self.stdout.write(
            f"Restored site {site.name!r} from {archive.name} (site {manifest['site']!r}, "
            f"made {_local(str(manifest['created_at']))}, version {manifest['app_version']})."
        )


def _local(created_at: str) -> str:
    """The archive's moment (stored UTC) as the site's local time, with its offset."""
    moment = timezone.localtime(datetime.datetime.fromisoformat(created_at))
    return moment.isoformat(sep=" ", timespec="minutes")
