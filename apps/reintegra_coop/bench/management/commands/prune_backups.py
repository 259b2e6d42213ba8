"""reintegra --site S prune-backups --keep-daily N [--keep-monthly M] [--in FOLDER]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reintegra_coop.bench import backup
from reintegra_coop.bench.retention import archives_to_keep
from reintegra_coop.bench.site_config import load_site


def prune(site_name: str, folder: Path, keep_daily: int, keep_monthly: int) -> list[Path]:
    """Delete the site's archives (and their checksums) that retention does not keep."""
    archives = backup.archives_in(folder, site_name)
    kept = archives_to_keep(
        {path.name: moment for path, moment in archives.items()}, keep_daily, keep_monthly
    )
    deleted = sorted(path for path in archives if path.name not in kept)
    for path in deleted:
        path.unlink()
        backup.checksum_path(path).unlink(missing_ok=True)
    return deleted


class Command(BaseCommand):
    help = "Keep the newest backup of each of the last N days and M months; delete the rest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--keep-daily", type=int, required=True)
        parser.add_argument("--keep-monthly", type=int, default=0)
        parser.add_argument("--in", dest="folder", type=Path, help="(default sites/S/backups)")

    def handle(self, *args: Any, **options: Any) -> None:
        site = load_site()
        folder = options["folder"] or backup.default_folder(site)
        for deleted in prune(site.name, folder, options["keep_daily"], options["keep_monthly"]):
            self.stdout.write(f"Deleted old backup {deleted}")
