"""Facts other areas know about a trainee, for the trainee's page (people/trainee_detail.html):
people knows only that there are offers, never what is in them, so the page can say that
participation is paused (care keeps the pauses) without people importing care.

An area offers, in its ``AppConfig.ready``, a function that gives for a trainee and the person
asking the facts that person may read (each a label and a value, already in words): it decides
who sees what, as every area does for its own rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


FactsAbout = Callable[[Any, Any], list[Fact]]

_offers: list[FactsAbout] = []


def offer_trainee_facts(facts: FactsAbout) -> None:
    if facts not in _offers:
        _offers.append(facts)


def facts_about(trainee: Any, user: Any) -> list[Fact]:
    """Every offered fact about ``trainee`` that ``user`` may read, in the order offered."""
    return [fact for facts in _offers for fact in facts(trainee, user)]
