from reintegra_coop.core.exceptions import InvalidTransitionError


class OrderLockedError(Exception):
    """A confirmed order's lines or terms are not edited in place: cancel it or amend it."""


class InsufficientStockError(Exception):
    """A delivery or a use of stock asks for more than is on hand."""


__all__ = ["InsufficientStockError", "InvalidTransitionError", "OrderLockedError"]
