"""Running MariaDB's own client programs (mariadb-dump, mariadb) for a site's database.

The password goes in a private option file (--defaults-extra-file), never on the command line
where any user could read it in the process list.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .database_url import DatabaseUrl
from .errors import BenchError

DUMP_OPTIONS = (
    "--single-transaction",  # one consistent snapshot, without locking a running site
    "--routines",
    "--triggers",
    "--hex-blob",
    "--default-character-set=utf8mb4",
)


def dump(database: DatabaseUrl, target: Path) -> None:
    with _options_file(database) as options:
        _run(
            "mariadb-dump",
            [f"--defaults-extra-file={options}", *DUMP_OPTIONS, f"--result-file={target}"],
            database.name,
        )


def load(database: DatabaseUrl, source: Path) -> None:
    with _options_file(database) as options, source.open("rb") as sql:
        _run(
            "mariadb",
            [f"--defaults-extra-file={options}", "--default-character-set=utf8mb4"],
            database.name,
            stdin=sql,
        )


def _run(
    program: str, options: list[str], database_name: str, stdin: IO[bytes] | None = None
) -> None:
    found = shutil.which(program)
    if found is None:
        raise BenchError(f"{program} is not installed (Debian: apt-get install mariadb-client).")
    result = subprocess.run(  # noqa: S603 - our own arguments, no shell
        [found, *options, database_name],
        stdin=stdin,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        lines = result.stderr.decode(errors="replace").strip().splitlines() or ["no message"]
        raise BenchError(f"{program} failed for database {database_name!r}: {lines[-1]}")


@contextlib.contextmanager
def _options_file(database: DatabaseUrl) -> Iterator[str]:
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    text = (
        "[client]\n"
        f"user={quoted(database.user)}\n"
        f"password={quoted(database.password)}\n"
        f"host={quoted(database.host)}\n"
        f"port={database.port or 3306}\n"
        "protocol=TCP\n"
    )
    descriptor, path = tempfile.mkstemp(prefix="reintegra-", suffix=".cnf")
    try:
        os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            stream.write(text)
        yield path
    finally:
        Path(path).unlink(missing_ok=True)
