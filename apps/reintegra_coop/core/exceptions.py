class InvalidTransitionError(Exception):
    """A status or stage change that the workflow does not allow; the message says why."""
