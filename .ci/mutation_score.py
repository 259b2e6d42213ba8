"""Summarise ``mutmut results --all true`` (one "name: status" line per mutant) by module:
killed of all, and the names of the mutants that survived (``mutmut show NAME`` in the clone
shows each one's diff)."""

import sys
from collections import defaultdict

killed: dict[str, int] = defaultdict(int)
total: dict[str, int] = defaultdict(int)
survivors = []
for line in sys.stdin:
    name, _, status = line.strip().rpartition(": ")
    if not name:
        continue
    module = name.split(".x_")[0].split(".xǁ")[0].removeprefix("reintegra_coop.")
    total[module] += 1
    if status == "killed":
        killed[module] += 1
    else:
        survivors.append(f"{name}: {status}")
for module in sorted(total):
    share = 100 * killed[module] / total[module]
    print(f"{module:28} {killed[module]:4} of {total[module]:4} killed  {share:5.1f} %")
everything = sum(total.values())
print(f"{'all':28} {sum(killed.values()):4} of {everything:4} killed  "
      f"{100 * sum(killed.values()) / max(everything, 1):5.1f} %")
for survivor in survivors:
    print(f"  {survivor}")
