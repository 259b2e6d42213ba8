"""The VAT rates a new site starts with, by country; a manager may add or retire rates later."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reintegra_coop.core.sites import site_setting

DEFAULT_RATES = {
    "PL": [("23%", "23"), ("8%", "8"), ("5%", "5"), ("0%", "0")],
    "CZ": [("21%", "21"), ("12%", "12"), ("0%", "0")],
    "SK": [("23%", "23"), ("19%", "19"), ("5%", "5"), ("0%", "0")],
    "DE": [("19%", "19"), ("7%", "7"), ("0%", "0")],
    "AT": [("20%", "20"), ("10%", "10"), ("0%", "0")],
}


def seed_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """A site without any VAT rate gets its country's (after every migrate, as Django's sites
    framework makes its default site): a database emptied and migrated again is usable."""
    from .models import VatRate

    rates = VatRate.objects.using(using)
    if rates.exists():
        return
    country = site_setting("COUNTRY", "PL")
    for name, percent in DEFAULT_RATES.get(country, DEFAULT_RATES["PL"]):
        rates.create(name=name, percent=Decimal(percent))
