"""Facts other areas know about a trainee, for the trainee's page (people/trainee_detail.html):
people knows only that there are offers, never what is in them, so the page can say that
participation is paused (care keeps the pauses) without people importing care.

An area offers, in its ``AppConfig.ready``, a function that gives for a trainee and the person
asking the facts that person may read (each a label and a value, already in words): it decides
who sees what, as every area does for its own rows. Links work the same way: an area above
people offers the pages about a trainee it has (privacy: the data-protection page), and says
itself who may open them."""

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


@dataclass(frozen=True)
class TraineeLink:
    label: str
    url: str


LinksAbout = Callable[[Any, Any], list[TraineeLink]]

_link_offers: list[LinksAbout] = []


def offer_trainee_links(links: LinksAbout) -> None:
    if links not in _link_offers:
        _link_offers.append(links)


def links_about(trainee: Any, user: Any) -> list[TraineeLink]:
    """Every offered page about ``trainee`` that ``user`` may open."""
    return [link for links in _link_offers for link in links(trainee, user)]
