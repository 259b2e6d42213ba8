"""Who sells and who buys, as an invoice must name them (Polish VAT law, the same fields for a
Czech site): the cooperative from the site's ``[cooperative]`` settings, the buyer from the
customer. Each missing or wrong field gets a message naming it, so issuing can refuse with all
of them at once and `reintegra check` can warn before anyone tries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.checks import CheckMessage, Warning
from django.utils.translation import gettext
from stdnum import iban
from stdnum.cz import dic
from stdnum.exceptions import ValidationError as NumberError
from stdnum.pl import nip

from reintegra_coop.core.sites import site_setting

if TYPE_CHECKING:
    from .models import Customer

SELLER_FIELDS = ("name", "address", "tax_id", "bank_account")
TAX_ID_CHECKERS = {"PL": (nip, "NIP"), "CZ": (dic, "DIČ")}


def seller_problems(cooperative: Mapping[str, str], country: str) -> dict[str, str]:
    """field of ``[cooperative]`` → why an invoice cannot name the seller with it."""
    names = {
        "name": gettext("name"),
        "address": gettext("address"),
        "tax_id": gettext("tax id"),
        "bank_account": gettext("bank account"),
    }
    problems = {
        field: gettext(
            "The cooperative's %(what)s is missing: set %(field)s in [cooperative] of the site's "
            "site_config.toml."
        )
        % {"what": names[field], "field": field}
        for field in SELLER_FIELDS
        if not str(cooperative.get(field, "")).strip()
    }
    tax_id = str(cooperative.get("tax_id", "")).strip()
    checker = TAX_ID_CHECKERS.get(country)
    if tax_id and checker and not checker[0].is_valid(tax_id):
        problems["tax_id"] = gettext(
            "The cooperative's tax id (%(kind)s) %(number)s is not valid: check its digits in "
            "[cooperative] tax_id."
        ) % {"kind": checker[1], "number": tax_id}
    account = str(cooperative.get("bank_account", "")).strip()
    if account:
        try:
            iban.validate(account)
        except NumberError:
            problems["bank_account"] = gettext(
                "The cooperative's bank account %(account)s is not a valid IBAN: check it in "
                "[cooperative] bank_account."
            ) % {"account": account}
    return problems


def site_seller() -> dict[str, str]:
    cooperative = site_setting("COOPERATIVE", {})
    return {field: str(cooperative.get(field, "")).strip() for field in SELLER_FIELDS}


def site_seller_problems() -> dict[str, str]:
    return seller_problems(site_seller(), str(site_setting("COUNTRY", "")))


def buyer_problems(customer: Customer) -> dict[str, str]:
    """field of the customer → why an invoice cannot name them as the buyer."""
    from .models import CustomerKind
    from .tax_ids import tax_id_problem

    problems = {}
    if not customer.address.strip():
        problems["address"] = gettext(
            "The buyer's address is missing: add it on the customer's page."
        )
    if customer.kind in (CustomerKind.BUSINESS, CustomerKind.MUNICIPALITY):
        problem = (
            tax_id_problem(customer.tax_id)
            if customer.tax_id
            else gettext("The buyer's tax id is missing: a business or municipality needs one.")
        )
        if problem:
            problems["tax_id"] = problem
    return problems


def buyer(customer: Customer) -> dict[str, str]:
    return {"name": customer.name, "address": customer.address, "tax_id": customer.tax_id}


def check_seller(**kwargs: object) -> list[CheckMessage]:
    """`reintegra --site S check --deploy` warns while invoices could not be issued (a
    deployment check only: every other command would print it too)."""
    problems = site_seller_problems()
    if not problems:
        return []
    return [
        Warning(
            "Invoices cannot be issued until [cooperative] in site_config.toml is complete: "
            + ", ".join(sorted(problems))
            + ".",
            hint=" ".join(problems.values()),
            id="reintegra.W001",
        )
    ]
