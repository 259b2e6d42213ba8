"""Which lots a delivery draws from: earliest best-before first (pure, no database)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from reintegra_coop.core.formatting import format_day
from reintegra_coop.core.money import format_quantity

from .exceptions import InsufficientStockError


@dataclass(frozen=True)
class LotOnHand:
    lot_id: int
    on_hand: Decimal
    best_before: datetime.date | None
    produced_on: datetime.date
    lot_number: str = ""

    def expired_on(self, day: datetime.date) -> bool:
        """Past its best-before date on ``day`` (the best-before day itself is still good)."""
        return self.best_before is not None and self.best_before < day


def allocate(
    quantity: Decimal,
    lots: Iterable[LotOnHand],
    item_name: str = "",
    delivered_on: datetime.date | None = None,
) -> list[tuple[int, Decimal]]:
    """Take ``quantity`` from the lots, earliest best-before first (lots without a date last,
    older production first); refuse if the lots hold less than asked. A delivery (on
    ``delivered_on``) never draws from a lot past its best-before date: such a lot is recorded
    as spoiled or used internally instead."""
    if quantity <= 0:
        raise InsufficientStockError(_("The quantity must be more than zero."))
    lots = [lot for lot in lots if lot.on_hand > 0]
    expired = [lot for lot in lots if delivered_on and lot.expired_on(delivered_on)]
    ordered = sorted(
        (lot for lot in lots if lot not in expired),
        key=lambda lot: (
            lot.best_before is None,
            lot.best_before or lot.produced_on,
            lot.produced_on,
            lot.lot_id,
        ),
    )
    available = sum((lot.on_hand for lot in ordered), Decimal(0))
    if quantity > available and expired:
        raise InsufficientStockError(
            _(
                "Only %(available)s of %(item)s is within its best-before date; %(asked)s was "
                "asked for. Past it: %(lots)s — record them as spoiled or used internally on the "
                "Stock page."
            )
            % {
                "available": format_quantity(available),
                "item": item_name,
                "asked": format_quantity(quantity),
                "lots": ", ".join(
                    f"{lot.lot_number} ({format_day(lot.best_before)})"
                    for lot in expired
                    if lot.best_before
                ),
            }
        )
    if quantity > available:
        raise InsufficientStockError(
            _("Only %(available)s of %(item)s is in stock; %(asked)s was asked for.")
            % {
                "available": format_quantity(available),
                "item": item_name,
                "asked": format_quantity(quantity),
            }
        )
    taken: list[tuple[int, Decimal]] = []
    remaining = quantity
    for lot in ordered:
        if remaining == 0:
            break
        take = min(lot.on_hand, remaining)
        taken.append((lot.lot_id, take))
        remaining -= take
    return taken
