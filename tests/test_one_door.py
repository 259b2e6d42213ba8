"""One door for every state change: an order's, a production task's and a work log's status and
a pay period's state change only inside their transition methods, which check the table of
allowed changes and write the history. Any other code that writes a status fails here: an
assignment, a queryset ``update(status=…)``, a ``bulk_update`` naming the field, a ``setattr``."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "apps" / "reintegra_coop"
FIELDS = {"status", "state"}
DOORS = {
    "Order.set_status",
    "ProductionTask.change_status",
    "WorkLog.set_status",
    "WorkLog.change_status",
    "PayPeriod.change_state",
    "Placement.change_status",
}


class StatusWrites(ast.NodeVisitor):
    def __init__(self) -> None:
        self.where: list[str] = []
        self.found: list[tuple[int, str, str]] = []

    def _inside(self, node: ast.AST) -> None:
        self.where.append(node.name)  # type: ignore[attr-defined]
        self.generic_visit(node)
        self.where.pop()

    visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _inside

    def _door(self) -> bool:
        return any(
            ".".join(self.where[i : i + 2]) in DOORS for i in range(max(len(self.where) - 1, 0))
        )

    def _flag(self, node: ast.AST, what: str) -> None:
        if not self._door():
            self.found.append((node.lineno, ".".join(self.where), what))  # type: ignore[attr-defined]

    def _targets(self, targets: list[ast.expr], node: ast.AST) -> None:
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, ast.Attribute) and part.attr in FIELDS:
                    self._flag(node, f"assigns .{part.attr}")

    def visit_Assign(self, node: ast.Assign) -> None:
        self._targets(node.targets, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._targets([node.target], node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = (
            node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        )
        if name == "update" and any(k.arg in FIELDS for k in node.keywords):
            self._flag(node, "update(status=…)")
        if name in ("bulk_update", "bulk_update_with_history") and any(
            isinstance(c, ast.Constant) and c.value in FIELDS
            for arg in [*node.args, *(k.value for k in node.keywords)]
            for c in ast.walk(arg)
        ):
            self._flag(node, f"{name} of the status")
        if (
            name == "setattr"
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in FIELDS
        ):
            self._flag(node, "setattr of the status")
        self.generic_visit(node)


def status_writes(source: str) -> list[tuple[int, str, str]]:
    visitor = StatusWrites()
    visitor.visit(ast.parse(source))
    return visitor.found


def test_no_code_writes_a_status_outside_its_transition_method():
    found = [
        f"{path.relative_to(PACKAGE)}:{line} in {where or 'module'}: {what}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for line, where, what in status_writes(path.read_text())
    ]
    assert found == []


def test_the_check_finds_each_kind_of_write():
    source = """
def approve_all(logs, by):
    logs.update(status="approved")
    WorkLog.objects.filter(pk=1).update(state="paid", note="")
    for log in logs:
        log.status = "locked"
    bulk_update_with_history(logs, WorkLog, ["status"], default_user=by)
    setattr(period, "state", "paid")
    order.status, order.note = "paid", ""

class WorkLog:
    def change_status(logs, new, by):
        for log in logs:
            log.status = new          # the door itself may

class Order:
    def cancel(self):
        self.status = "cancelled"     # a method of the model is not the door
"""
    assert [(line, what) for line, _where, what in status_writes(source)] == [
        (3, "update(status=…)"),
        (4, "update(status=…)"),
        (6, "assigns .status"),
        (7, "bulk_update_with_history of the status"),
        (8, "setattr of the status"),
        (9, "assigns .status"),
        (18, "assigns .status"),
    ]
