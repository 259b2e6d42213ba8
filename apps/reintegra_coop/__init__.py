"""Reintegra Coop: paid, supervised work for people on their way back."""
