"""CSV exports in the reader's conventions (issue 17): Polish and Czech get `;` between cells,
a decimal comma and a byte-order mark, so Excel opens them right; English keeps `,` and `.`."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation

from reintegra_coop.core.spreadsheet_csv import write_csv

ROW = [
    "FV-2026-00001",
    datetime.date(2026, 11, 23),
    Decimal("1553.40"),
    "Zielony Talerz; s.c.",
    None,
]


def rows_of(text: str, separator: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=separator))


@pytest.mark.parametrize("language", ["pl", "cs"])
def test_polish_and_czech_get_semicolons_a_decimal_comma_and_a_bom(language):
    with translation.override(language):
        text = write_csv(["number", "issued_on", "gross", "customer", "paid_on"], [ROW])
    assert text.splitlines()[1] == 'FV-2026-00001;2026-11-23;1553,40;"Zielony Talerz; s.c.";'
    assert rows_of(text, ";")[1] == [
        "FV-2026-00001",
        "2026-11-23",
        "1553,40",
        "Zielony Talerz; s.c.",
        "",
    ]


def test_english_keeps_commas_and_a_decimal_point():
    with translation.override("en"):
        text = write_csv(["number", "issued_on", "gross", "customer", "paid_on"], [ROW])
    assert rows_of(text, ",")[1] == [
        "FV-2026-00001",
        "2026-11-23",
        "1553.40",
        "Zielony Talerz; s.c.",
        "",
    ]
