"""The floors of the house: every import follows the layers set in pyproject.toml
([tool.importlinter]): core ← people ← work ← care, orders, housing ← pay ← portal ← privacy ←
bench and config. A broken contract prints the importing module, the line and the chain."""

import tomllib
from pathlib import Path

from importlinter import cli

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_every_import_follows_the_layers():
    status = cli.lint_imports(config_filename=str(PYPROJECT), no_cache=True)
    assert status == cli.EXIT_STATUS_SUCCESS, "an import breaks the layers: see the report above"


def test_the_layers_place_every_area():
    """A new area must be placed on a floor, or the layers would not see it."""
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    [layers] = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    placed = {
        name.strip().removeprefix("reintegra_coop.")
        for floor in layers
        for name in floor.replace(":", "|").split("|")
    }
    areas = {
        path.name
        for path in (PYPROJECT.parent / "apps" / "reintegra_coop").iterdir()
        if (path / "__init__.py").exists()
    }
    assert areas <= placed
    assert placed - areas == {"config"}
