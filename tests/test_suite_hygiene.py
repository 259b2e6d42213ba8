"""The suite's own rules: a test module imports helpers only from tests/factories.py (the
factories, personas' password and PIN, the moments tests live at), never from another test
module or a conftest (pytest loads those itself; importing them runs them twice)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SHARED = {"tests.factories"}


def imports_of_test_code(source: str, package: str) -> list[str]:
    """The test modules ``source`` (a module of ``package``) imports, but the shared ones."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against the module's own package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module and node.module.split(".")[0] == "tests":
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "tests"]
    return [name for name in found if name not in SHARED]


def test_no_test_imports_from_another_test_module():
    found = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("*.py"))
        if (names := imports_of_test_code(path.read_text(), _package(path)))
    }
    assert found == {}


def _package(path: Path) -> str:
    return ".".join(path.relative_to(TESTS.parent).parent.parts)


def test_the_check_sees_relative_and_absolute_imports():
    sample = (
        "from .conftest import NOVEMBER\n"
        "from ..factories import PIN\n"
        "from tests.pay.test_period import work\n"
        "import tests.orders.conftest\n"
        "from tests.factories import PASSWORD\n"
    )
    assert imports_of_test_code(sample, "tests.pay") == [
        "tests.pay.conftest",
        "tests.pay.test_period",
        "tests.orders.conftest",
    ]
