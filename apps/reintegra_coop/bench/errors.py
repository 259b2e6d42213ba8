class BenchError(Exception):
    """A problem the `reintegra` command reports in one line and exits non-zero for."""
