"""The scale-out layout under load: nginx in front of two gunicorn nodes, MariaDB with a read
replica, Redis for cache and sessions (reintegra_coop/bench/scale_out.py), all on loopback;
200 simulated people (benchmarks/_scale_out_users.py: trainees on the portal, instructors
submitting crew sheets, managers listing orders) for 60 s, 20 more a second until all are in.
Prints p50 and p95 per kind of request and the errors. Run with `make bench` or alone:

    .venv/bin/python benchmarks/scale_out.py [USERS SECONDS]
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from reintegra_coop.bench.scale_out import ScaleOut, _connect, _one, put_load

USERS, SPAWN_RATE, SECONDS = 200, 20, 60


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else USERS
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else SECONDS
    with tempfile.TemporaryDirectory(prefix="reintegra-scale-out-") as folder:
        began = time.monotonic()
        with ScaleOut(Path(folder)) as layout:
            print(
                f"  layout up in {time.monotonic() - began:.0f} s: nginx {layout.url}, nodes "
                f"{', '.join(str(port) for port in layout.node_ports)} "
                f"({layout.workers_per_node} gunicorn workers each), on {os.cpu_count()} cores "
                f"({platform.machine()})"
            )
            figures = put_load(layout.url, Path(folder), users, SPAWN_RATE, seconds)
            failures = (Path(folder) / "load_failures.csv").read_text()
            saved = crew_sheets_saved(layout)
    print(f"  {users} users, {SPAWN_RATE} started a second, {seconds} s:")
    print(f"  {'request':<34} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for row in figures:
        print(
            f"  {row.name:<34} {row.requests:>7} {row.failures:>7} {row.p50:>8.0f} {row.p95:>8.0f}"
        )
    print(f"  crew sheets saved (primary, replica): {saved}")
    if figures[-1].failures:
        print(failures)


def crew_sheets_saved(layout: ScaleOut) -> tuple[object, object]:
    """Submitted crew sheets that were saved (the others were refused by a rule: the trainee
    already had a log then), on the primary and, a moment later, on the replica."""
    time.sleep(2)
    counts = []
    for port in (layout.primary_port, layout.replica_port):
        connection = _connect(port)
        try:
            counts.append(
                _one(connection, "SELECT COUNT(*) FROM reintegra.work_crewsheetsubmission")
            )
        finally:
            connection.close()
    return counts[0], counts[1]


if __name__ == "__main__":
    main()
