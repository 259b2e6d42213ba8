class InvalidTransitionError(Exception):
    """A programme stage change that the programme does not allow; the message says why."""
