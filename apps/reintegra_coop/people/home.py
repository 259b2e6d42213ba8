"""The staff home pages are made of what each area offers for the roles it serves (in its
``AppConfig.ready``): people knows only that there are offers, never what is in them, so a home
page can show pay and invoices without people importing either.

- *What needs me*: each area offers a function that lists, for the person asking, the things
  waiting for them (logs to approve, disputes, overdue invoices, ...), each a count, a sentence
  and the page where it is done. The home page lists those with a count, first.
- *Panels*: a template and a function that gives its context; the home page includes the
  panels of the user's role, in their order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from reintegra_coop.core.roles import Role, role_of


@dataclass(frozen=True)
class Panel:
    roles: frozenset[Role]
    template: str
    context: Callable[[HttpRequest], dict[str, Any]]
    order: int = 50


_panels: list[Panel] = []


@dataclass(frozen=True)
class Need:
    """Something waiting for the person: ``text`` says what (with the count in it)."""

    count: int
    text: str
    url: str


NeedsOf = Callable[[HttpRequest], list[Need]]
_needs: list[tuple[int, frozenset[Role], NeedsOf]] = []


def offer_needs(roles: frozenset[Role], needs_of: NeedsOf, order: int = 50) -> None:
    """``order``: where the area's needs come in the list (the day's work first)."""
    if (order, roles, needs_of) not in _needs:
        _needs.append((order, roles, needs_of))
        _needs.sort(key=lambda offer: offer[0])


def needs_for(request: HttpRequest) -> list[Need]:
    """What waits for the user, from every area that serves their role (counts above zero)."""
    role = role_of(request.user)
    return [
        need
        for _order, roles, needs_of in _needs
        if role in roles
        for need in needs_of(request)
        if need.count > 0
    ]


def offer_panel(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def panels_for(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of each panel for the user's role, in order."""
    role = role_of(request.user)
    return [
        (panel.template, panel.context(request))
        for panel in sorted(_panels, key=lambda p: p.order)
        if role in panel.roles
    ]
