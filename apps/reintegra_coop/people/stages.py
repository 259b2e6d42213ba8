"""What a programme stage requires before a trainee may enter it.

People knows the stages; what each one needs is known by the areas that hold it (a trial needs
the three positive diagnoses, which the care area keeps). Those areas *offer* a check in their
``AppConfig.ready``: a function that says, for a trainee and the stage they would enter, what is
missing (one sentence), or None. ``Trainee.move_to`` asks every offered check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

StageRequirement = Callable[[Any, str], "str | None"]

_requirements: list[StageRequirement] = []


def offer_stage_requirement(requirement: StageRequirement) -> None:
    if requirement not in _requirements:
        _requirements.append(requirement)


def missing_for(trainee: Any, stage: str) -> list[str]:
    """Every sentence saying what ``trainee`` still lacks for ``stage`` (empty: nothing)."""
    return [problem for check in _requirements if (problem := check(trainee, stage))]
