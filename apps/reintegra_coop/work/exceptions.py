from __future__ import annotations

from reintegra_coop.core.exceptions import InvalidTransitionError

from .rules import Violation


class WorkRuleError(Exception):
    """A log or an assignment breaks rules; ``violations`` says which, with times."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        super().__init__(" ".join(violation.message for violation in violations))

    @property
    def only_soft(self) -> bool:
        return all(not violation.hard for violation in self.violations)


__all__ = ["InvalidTransitionError", "WorkRuleError"]
