"""Summarise a cosmic-ray dump (one JSON line per mutant): killed / all by module, and the
mutants that survived (file, line, operator), so a test can be written for each."""

import json
import sys
from collections import defaultdict

killed: dict[str, int] = defaultdict(int)
total: dict[str, int] = defaultdict(int)
survivors = []
for line in open(sys.argv[1], encoding="utf-8"):
    item, result = json.loads(line)
    if result is None:
        continue
    for mutation in item["mutations"]:
        module = mutation["module_path"].removeprefix("apps/reintegra_coop/")
        total[module] += 1
        if result["test_outcome"] == "killed" or result["worker_outcome"] == "abnormal":
            killed[module] += 1
        else:
            survivors.append((module, mutation["start_pos"][0], mutation["operator_name"]))
for module in sorted(total):
    print(f"{module:32} {killed[module]:4} of {total[module]:4} killed  "
          f"{100 * killed[module] / total[module]:5.1f} %")
print(f"{'all':32} {sum(killed.values()):4} of {sum(total.values()):4} killed  "
      f"{100 * sum(killed.values()) / max(sum(total.values()), 1):5.1f} %")
for module, line_number, operator in sorted(survivors):
    print(f"  survived: {module}:{line_number}  {operator}")
