"""The floors of the house: every import follows the layers set in pyproject.toml
([tool.importlinter]): core ← people ← work ← care, orders, housing ← pay ← portal ← bench and
config. A broken contract prints the importing module, the line and the chain."""

from pathlib import Path

from importlinter import cli

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_every_import_follows_the_layers():
    status = cli.lint_imports(config_filename=str(PYPROJECT), no_cache=True)
    assert status == cli.EXIT_STATUS_SUCCESS, "an import breaks the layers: see the report above"


def test_the_contracts_name_every_area():
    """A new area must be placed on a floor, or the layers would not see it."""
    text = PYPROJECT.read_text()
    areas = [
        path.name
        for path in (PYPROJECT.parent / "apps" / "reintegra_coop").iterdir()
        if (path / "__init__.py").exists() and path.name not in {"locale"}
    ]
    assert sorted(areas) == sorted(
        ["bench", "core", "people", "work", "care", "orders", "housing", "pay", "portal"]
    )
    for area in areas:
        assert f'reintegra_coop.{area}"' in text or f"reintegra_coop.{area} " in text, area
