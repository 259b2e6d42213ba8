"""The scale-out layout under load: nginx in front of two gunicorn nodes, MariaDB with a read
replica, Redis for cache and sessions (reintegra_coop/bench/scale_out.py), all on loopback;
200 simulated people (benchmarks/_scale_out_users.py: trainees on the portal, instructors
submitting crew sheets, managers listing orders) in two phases: arriving 4 a second, for 120 s;
then all at once, 20 a second, for 60 s. Prints p50 and p95 per kind of request and the errors.
Run with `make scale-out` (or `make bench`), or alone:

    .venv/bin/python benchmarks/scale_out.py [USERS]
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from reintegra_coop.bench.scale_out import (
    Figures,
    ScaleOut,
    mariadb_connection,
    put_load,
    single_value,
)

USERS = 200
# (what it is like, people starting each second, seconds): the morning, people arriving over
# about a minute; then all of them at once, as when the tablets come on together.
PHASES = [("arriving over 50 s", 4, 120), ("all at once", 20, 60)]


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else USERS
    with tempfile.TemporaryDirectory(prefix="reintegra-scale-out-") as folder:
        began = time.monotonic()
        with ScaleOut(Path(folder)) as layout:
            print(
                f"  layout up in {time.monotonic() - began:.0f} s: nginx {layout.url}, nodes "
                f"{', '.join(str(port) for port in layout.node_ports)} "
                f"({layout.workers_per_node} gunicorn workers each), on {os.cpu_count()} cores "
                f"({platform.machine()})",
                flush=True,
            )
            for what, spawn_rate, seconds in PHASES:
                phase = Path(folder) / what.replace(" ", "-")
                phase.mkdir()
                figures = put_load(layout.url, phase, users, spawn_rate, seconds)
                busy = ", ".join(f"{load:.1f}" for load in os.getloadavg())
                print(
                    f"  {users} users {what} ({spawn_rate} a second), {seconds} s "
                    f"(load average after: {busy}):"
                )
                print_figures(figures, (phase / "load_failures.csv").read_text())
            print(f"  crew sheets saved (primary, replica): {crew_sheets_saved(layout)}")


def print_figures(figures: list[Figures], failures: str) -> None:
    print(f"  {'request':<34} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for row in figures:
        print(
            f"  {row.name:<34} {row.requests:>7} {row.failures:>7} {row.p50:>8.0f} {row.p95:>8.0f}"
        )
    if figures[-1].failures:
        print("  errors, by kind and cause:")
        for line in failures.splitlines()[1:]:
            print(f"    {line}")
    print(flush=True)


def crew_sheets_saved(layout: ScaleOut) -> tuple[object, object]:
    """Submitted crew sheets that were saved (the others were refused by a rule: the trainee
    already had a log then), on the primary and, a moment later, on the replica."""
    time.sleep(2)
    counts = []
    for port in (layout.primary_port, layout.replica_port):
        connection = mariadb_connection(port)
        try:
            counts.append(
                single_value(connection, "SELECT COUNT(*) FROM reintegra.work_crewsheetsubmission")
            )
        finally:
            connection.close()
    return counts[0], counts[1]


if __name__ == "__main__":
    main()
