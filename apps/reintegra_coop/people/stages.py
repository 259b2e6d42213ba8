"""What a programme stage requires before a trainee may enter it.

People knows the stages; what each one needs is known by the areas that hold it (a trial needs
the three positive diagnoses, which the care area keeps). Those areas *offer* a check in their
``AppConfig.ready``: a function that says, for a trainee and the stage they would enter, what is
missing (one sentence), or None. ``Trainee.move_to`` asks every offered check."""

from __future__ import annotations

import datetime
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


# Taking a record back — withdrawing it as entered by mistake, or undoing the start of the
# trial — must not leave work, pay or rent behind that rested on it. The areas holding those
# offer a check: for a trainee, an action ("withdraw" or "undo_trial") and the day it reaches
# back to (None: ever), what stands in the way (one sentence), or None.
RecordCheck = Callable[[Any, str, "datetime.date | None"], "str | None"]

_record_checks: list[RecordCheck] = []


def offer_record_check(check: RecordCheck) -> None:
    if check not in _record_checks:
        _record_checks.append(check)


def standing_in_the_way(trainee: Any, action: str, since: datetime.date | None = None) -> list[str]:
    return [problem for check in _record_checks if (problem := check(trainee, action, since))]
