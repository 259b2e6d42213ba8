"""The lock files pin every package with its hashes, and production's has no development tools."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pinned(lock: str) -> dict[str, str]:
    """package name → the text of its entry (the pin and its hash lines)."""
    entries = re.split(r"\n(?=[a-z0-9])", (ROOT / lock).read_text())
    return {entry.split("==")[0]: entry for entry in entries if re.match(r"^[a-z0-9_.-]+==", entry)}


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ;]", line)[0].lower().replace("_", "-") for line in requirements}


def test_every_package_in_both_lock_files_is_pinned_with_its_hashes():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        packages = pinned(lock)
        assert len(packages) > 30
        assert [name for name, entry in packages.items() if "--hash=sha256:" not in entry] == []


def test_the_pip_that_installs_them_is_pinned_with_its_hashes_and_the_makefile_uses_it():
    packages = pinned("requirements-pip.lock")
    assert list(packages) == ["pip"]
    assert "--hash=sha256:" in packages["pip"]
    makefile = (ROOT / "Makefile").read_text()
    assert makefile.index("-r requirements-pip.lock") < makefile.index("-r requirements-dev.lock")


def test_production_has_every_runtime_dependency_and_no_development_tool():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    production, development = pinned("requirements.lock"), pinned("requirements-dev.lock")
    assert names(project["dependencies"]) <= set(production)
    assert names(project["optional-dependencies"]["dev"]) <= set(development)
    assert not {"pytest", "ruff", "mypy", "playwright", "hypothesis"} & set(production)
    for name, entry in production.items():  # the same versions in both
        assert development[name].split()[0] == entry.split()[0]
