from reintegra_coop.core.exceptions import InvalidTransitionError

__all__ = ["InvalidTransitionError"]
