"""A customer's tax id, checked by the site's country: the Polish NIP and the Czech DIČ carry a
check digit (python-stdnum knows both). Stored the usual way (526-104-22-18, CZ25123891) and
compared without spaces, dashes or the country prefix."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from types import ModuleType

from django.db.models import Func, Q, Value
from django.db.models.functions import Replace, Upper
from django.utils.translation import gettext
from stdnum.cz import dic
from stdnum.exceptions import ValidationError as NumberError
from stdnum.pl import nip

from reintegra_coop.core.sites import site_setting

# The checker of the country, how a valid number is written, and its prefix in the EU VAT list.
CHECKERS: dict[str, tuple[ModuleType, Callable[[str], str], str]] = {
    "PL": (nip, nip.format, "PL"),
    "CZ": (dic, lambda number: f"CZ{number}", "CZ"),
}
SEPARATORS = (" ", "-", ".", "/")


def _checker() -> tuple[ModuleType, Callable[[str], str], str] | None:
    return CHECKERS.get(site_setting("COUNTRY", ""))


def plain(tax_id: str) -> str:
    """Capital letters and digits only, without the country prefix: how two ids are compared."""
    text = re.sub(r"[^0-9A-Z]", "", unicodedata.normalize("NFKC", tax_id).upper())
    checker = _checker()
    if checker is not None and text.startswith(checker[2]):
        text = text[len(checker[2]) :]
    return text


def written(tax_id: str) -> str:
    """A valid tax id the way the country writes it; anything else as typed, trimmed."""
    checker = _checker()
    tax_id = unicodedata.normalize("NFKC", tax_id).strip()
    if checker is None or not checker[0].is_valid(tax_id):
        return tax_id
    return checker[1](checker[0].compact(tax_id))


def tax_id_problem(tax_id: str) -> str | None:
    """Why ``tax_id`` cannot be a business's tax id in the site's country, or None."""
    checker = _checker()
    if not tax_id or checker is None:
        return None
    try:
        checker[0].validate(unicodedata.normalize("NFKC", tax_id))
    except NumberError:
        return gettext("This tax id is not valid: check its digits.")
    return None


def same_tax_id(tax_id: str) -> Q:
    """Rows whose ``tax_id_plain`` (see ``plain_in_database``) is ``tax_id``, however written."""
    number = plain(tax_id)
    if not number:
        return Q(pk__in=[])
    checker = _checker()
    prefixed = {number, f"{checker[2]}{number}"} if checker else {number}
    return Q(tax_id_plain__in=sorted(prefixed))


def plain_in_database(field: str = "tax_id") -> Func:
    """The database's own ``plain`` of ``field``: without separators, in capitals."""
    expression: Func = Upper(field)
    for separator in SEPARATORS:
        expression = Replace(expression, Value(separator), Value(""))
    return expression
