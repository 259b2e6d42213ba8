"""The buttons on an order page: which steps an order offers in each status, and what each
one does. The rules themselves live on the models and in fulfilment.py / invoicing.py."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import fulfilment, invoicing, settlement
from .models import AMENDABLE, Order, OrderStatus


@dataclass(frozen=True)
class Step:
    name: str
    label: str | Promise
    perform: Callable[[Order, Any, datetime.date], Any]
    offered_in: frozenset[str]
    external_only: bool = False
    danger: bool = False
    #: an irreversible step asks this first (``%(number)s``: the order's number)
    question: str | Promise = ""


def _to(status: str) -> Callable[[Order, Any, datetime.date], Any]:
    return lambda order, by, on: order.set_status(status, by)


STEPS = [
    Step("confirm", _("Confirm"), _to(OrderStatus.CONFIRMED), frozenset({OrderStatus.DRAFT})),
    Step(
        "start",
        _("Start production"),
        _to(OrderStatus.IN_PRODUCTION),
        frozenset({OrderStatus.CONFIRMED}),
    ),
    Step("ready", _("Mark ready"), _to(OrderStatus.READY), frozenset({OrderStatus.IN_PRODUCTION})),
    Step(
        "deliver",
        _("Deliver"),
        fulfilment.deliver,
        frozenset({OrderStatus.READY}),
        question=_("Deliver order %(number)s? Its goods leave the stock; a delivery stays."),
    ),
    Step(
        "invoice",
        _("Issue invoice"),
        invoicing.issue_invoice,
        frozenset({OrderStatus.DELIVERED}),
        external_only=True,
        question=_("Issue the invoice for order %(number)s? It gets its number for good."),
    ),
    Step(
        "paid",
        _("Mark paid"),
        settlement.pay_in_full,
        frozenset({OrderStatus.INVOICED}),
        question=_(
            "Mark order %(number)s paid? A payment of what is still owed is recorded today."
        ),
    ),
    Step(
        "amend",
        _("Amend"),
        lambda order, by, on: order.amend(by),
        AMENDABLE,
        question=_(
            "Amend order %(number)s? It is cancelled, and a new revision opens for editing."
        ),
    ),
    Step(
        "cancel",
        _("Cancel order"),
        _to(OrderStatus.CANCELLED),
        frozenset({OrderStatus.DRAFT, *AMENDABLE}),
        danger=True,
        question=_("Cancel order %(number)s? This cannot be undone."),
    ),
]
STEPS_BY_NAME = {step.name: step for step in STEPS}


def steps_for(order: Order) -> list[Step]:
    return [
        step
        for step in STEPS
        if order.status in step.offered_in and not (step.external_only and order.is_internal)
    ]


def perform(order: Order, name: str, by: Any, on: datetime.date) -> Any:
    """Run one step; raises KeyError for an unknown step, or the domain's own errors."""
    return STEPS_BY_NAME[name].perform(order, by, on)
