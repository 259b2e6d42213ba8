"""The month's rent statements as files for the accounting office: one row per tenancy with
the balance carried in, the rent, what was paid in cash, from pay and in kind, and the balance
carried out, and a totals row (CSV in the reader's conventions, and XLSX)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from reintegra_coop.core.sites import site_setting
from reintegra_coop.core.spreadsheet_csv import Cell, write_csv
from reintegra_coop.core.spreadsheet_xlsx import write_xlsx

from .ledger import TenancyStatement

COLUMNS = [
    "month",
    "trainee",
    "card_number",
    "unit",
    "opening_balance",
    "rent",
    "cash",
    "from_pay",
    "in_kind_credit",
    "closing_balance",
    "currency",
]
AMOUNTS_FROM = COLUMNS.index("opening_balance")


def rent_rows(statements: Iterable[TenancyStatement]) -> list[list[Cell]]:
    currency = site_setting("CURRENCY")
    return [
        [
            row.month,
            row.tenancy.trainee.full_name,
            row.tenancy.trainee.card_number or "",
            row.tenancy.unit.name,
            row.opening_balance,
            row.result.obligation,
            row.cash_paid,
            row.payroll_deduction,
            row.result.in_kind_credit,
            row.result.closing_balance,
            currency,
        ]
        for row in statements
    ]


def rent_csv(statements: Iterable[TenancyStatement]) -> str:
    return write_csv(COLUMNS, rent_rows(statements))


def rent_xlsx(statements: Iterable[TenancyStatement]) -> bytes:
    rows = rent_rows(statements)
    totals: list[Cell] = [None, "total", None, None]
    for column in range(AMOUNTS_FROM, len(COLUMNS) - 1):
        amounts = (row[column] for row in rows)
        totals.append(sum((a for a in amounts if isinstance(a, Decimal)), Decimal("0.00")))
    totals.append(site_setting("CURRENCY"))
    return write_xlsx("rent", COLUMNS, [*rows, totals], bold_last=True)
