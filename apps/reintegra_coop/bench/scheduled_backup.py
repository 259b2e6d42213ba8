"""The worker's nightly backup, where the site turns it on ([backup] nightly = true): the same
archive as `reintegra --site S backup`, then the same pruning as `prune-backups`."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from . import backup
from .management.commands.prune_backups import prune
from .site_config import load_site


def applied_migrations() -> list[str]:
    return [f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()]


def back_up_and_prune() -> str:
    site = load_site()
    key = None
    if settings.BACKUP_ENCRYPT:
        from .encryption import read_key

        key = read_key(site)
    folder = backup.default_folder(site)
    archive = backup.back_up(site, folder, applied_migrations(), key)
    deleted = prune(site.name, folder, settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_MONTHLY)
    return f"backed up to {archive.name}; {len(deleted)} older archives deleted"
