"""A payslip line stores what stands behind it as a code with parameters, never as text: it is
worded in the reader's language when shown, so a payslip approved by a manager working in
English prints in Polish for a Polish trainee (issue 17)."""

import datetime
import subprocess

import pytest
from django.utils import translation

from reintegra_coop.pay import period
from reintegra_coop.pay.labels import describe, detail
from reintegra_coop.pay.models import PayScheme, PayslipLine
from reintegra_coop.pay.payslip_archive import render_payslip
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def worded(language, params):
    with translation.override(language):
        return describe(params).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "20 of 20 working days"),
        ("pl", "20 z 20 dni roboczych"),
        ("cs", "20 z 20 pracovních dnů"),
    ],
)
def test_the_stipend_base_names_the_days_in_the_readers_language(language, expected):
    assert worded(language, {"days": 20, "working_days": 20}) == expected


def test_the_plural_follows_the_number_of_working_days_in_polish():
    assert worded("pl", {"days": 1, "working_days": 1}) == "1 z 1 dnia roboczego"
    assert worded("pl", {"days": 2, "working_days": 22}) == "2 z 22 dni roboczych"


def test_the_dates_of_a_deduction_are_written_as_the_reader_writes_dates():
    params = {"dates": ["2026-11-03", "2026-11-04"]}
    assert worded("pl", params) == "3.11.2026, 4.11.2026"
    assert worded("cs", params) == "3. 11. 2026, 4. 11. 2026"


def test_a_correction_of_an_earlier_month_names_the_month_and_the_signed_amount():
    assert (
        worded("pl", {"month": "2026-11-01", "difference": "-63.00"}) == "listopad 2026: −63,00 zł"
    )
    assert worded("en", {"month": "2026-11-01", "difference": "1553.40"}) == (
        "November 2026: +PLN1,553.40"
    )


def test_a_line_stored_by_an_older_run_keeps_its_text():
    assert detail(PayslipLine(code="stipend_base", detail="20 of 20 working days")) == (
        "20 of 20 working days"
    )


def test_a_payslip_approved_in_english_prints_in_polish_for_a_polish_trainee(
    personas, stipend_setting, tmp_path
):
    anna = personas.trainee_anna
    anna.preferred_language = "pl"
    anna.save(update_fields=["preferred_language"])
    PayScheme.objects.create(trainee=anna, kind="stipend", valid_from=datetime.date(2026, 8, 1))
    work(anna, personas.garden, NOVEMBER.replace(day=3), attendance="unexcused")
    with translation.override("en"):
        period.run(NOVEMBER, personas.manager)
        period.approve(NOVEMBER, personas.manager)
    line = PayslipLine.objects.get(payslip__trainee=anna, code="stipend_base")
    assert (line.details, line.detail) == ({"days": 20, "working_days": 20}, "")

    pdf = tmp_path / "payslip.pdf"
    pdf.write_bytes(render_payslip(line.payslip))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "20 z 20 dni roboczych" in text
    assert "3.11.2026" in text
    assert "working days" not in text
    assert "Pasek wypłaty za listopad 2026" in text
