"""The staff home pages are made of panels that each area offers for the roles it serves
(in its ``AppConfig.ready``): people knows only that there are panels, never what is in them,
so a home page can show pay and invoices without people importing either.

A panel is a template and a function that gives its context for the request; the home page
includes the panels of the user's role, in their order."""

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
