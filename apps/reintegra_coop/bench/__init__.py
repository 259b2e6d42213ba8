"""The bench: sites (one folder per cooperative) and the `reintegra` command.

This package must import without Django settings: the CLI uses it to pick a site
before Django starts.
"""
