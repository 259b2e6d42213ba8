"""Encrypting a backup archive with a key kept apart from it (``cryptography``'s Fernet:
AES-128-CBC with an HMAC-SHA256 over the whole message, so a changed byte is refused).

The key file is named in the site's config::

    [backup]
    key_file = "/etc/reintegra/coop-backup.key"   # relative paths are in the site folder

and made once with ``reintegra --site coop backup-key``. Keep a copy of it away from the
backups: without it an encrypted archive cannot be restored.

Fernet encrypts a message in memory, so an archive must fit in memory twice; that suits a
cooperative's database and uploaded papers (megabytes to a few hundred), not video libraries.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BenchError
from .site_config import CONFIG_FILE, SiteConfig

if TYPE_CHECKING:
    from cryptography.fernet import Fernet


def key_file(site: SiteConfig) -> Path | None:
    """The key file the site's config names in [backup] key_file, or None."""
    data = tomllib.loads((site.folder / CONFIG_FILE).read_text(encoding="utf-8"))
    name = str(data.get("backup", {}).get("key_file", "")).strip()
    if not name:
        return None
    path = Path(name)
    return path if path.is_absolute() else site.folder / path


def read_key(site: SiteConfig) -> bytes:
    path = key_file(site)
    if path is None:
        raise BenchError(
            f"Site {site.name!r} has no backup key: name one in its {CONFIG_FILE}, "
            '[backup] key_file = "backup.key", then run: reintegra --site '
            f"{site.name} backup-key"
        )
    if not path.is_file():
        raise BenchError(
            f"The backup key file {path} does not exist; make it with: reintegra --site "
            f"{site.name} backup-key"
        )
    return path.read_bytes().strip()


def new_key(site: SiteConfig) -> Path:
    """Write a new key into the file the config names; never overwrite an existing key."""
    from cryptography.fernet import Fernet

    path = key_file(site)
    if path is None:
        read_key(site)  # raises, saying how to name one
        raise AssertionError  # pragma: no cover
    if path.exists():
        raise BenchError(f"The backup key file {path} exists already; it is kept as it is.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_bytes(Fernet.generate_key() + b"\n")
    return path


def encrypt(key: bytes, data: bytes) -> bytes:
    return _fernet(key).encrypt(data)


def decrypt(key: bytes, data: bytes) -> bytes:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(key).decrypt(data)
    except InvalidToken:
        raise BenchError(
            "This archive cannot be decrypted with the site's backup key (a different key, "
            "or the archive was changed)."
        ) from None


def _fernet(key: bytes) -> Fernet:
    from cryptography.fernet import Fernet

    try:
        return Fernet(key)
    except ValueError:
        raise BenchError("The backup key is not a valid key (make one with backup-key).") from None
