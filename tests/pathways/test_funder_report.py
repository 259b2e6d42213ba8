"""The funder's report, counted by hand: starts by the furthest stage reached and by the
characteristics recorded with consent, exits by reason, in work at exit and after, stable
housing, hours delivered; counts of 1 to 4 people shown as "< 5" on the page, in the XLSX, in
the PDF and in its charts. Only managers open it."""

import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra_coop.pathways import outcomes
from reintegra_coop.pathways.models import FollowUp, FundingProject, ParticipantProfile
from reintegra_coop.pathways.report import Row, Section, protected
from reintegra_coop.people.models import Stage
from tests.factories import TraineeFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def test_a_count_of_one_to_four_people_is_shown_as_less_than_five():
    assert [outcomes.shown(n) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]


def test_the_age_band_is_the_age_on_the_first_day():
    def band(born, started):
        return outcomes.age_band(outcomes.Participant(1, started, "trial", born))

    assert band(datetime.date(2001, 3, 2), datetime.date(2026, 3, 1)) == "under_25"  # 24
    assert band(datetime.date(2001, 3, 1), datetime.date(2026, 3, 1)) == "25_34"  # 25 today
    assert band(datetime.date(1976, 3, 1), datetime.date(2026, 3, 1)) == "50_plus"
    assert band(None, datetime.date(2026, 3, 1)) == "not_recorded"


@pytest.fixture
def project(personas):
    """Seven starters in 2026 (five born in 2005, two in 1986), one of them still a trial;
    five women and one man recorded with consent, one not recorded; a starter outside the
    project and a participant who started in 2025 are not counted. Three leave: two into
    work (one still in work at 4 weeks), one drops out."""
    garden = personas.garden
    project = FundingProject.objects.create(
        name="EFS+ Reintegracja 2026",
        funder="Wojewódzki Urząd Pracy",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    starters = [
        TraineeFactory(
            user__username=f"starter{n}",
            participation_started_on=datetime.date(2026, 3, 2),
            stage_since=datetime.date(2026, 3, 2),
            stage=Stage.TRIAL if n == 0 else Stage.PARTICIPANT,
            date_of_birth=datetime.date(2005, 1, 1) if n < 5 else datetime.date(1986, 1, 1),
            workshops=[garden],
        )
        for n in range(7)
    ]
    for n, trainee in enumerate(starters[:6]):
        ParticipantProfile.objects.create(
            trainee=trainee,
            consent_on=datetime.date(2026, 3, 2),
            sex="female" if n < 5 else "male",
            long_term_unemployed=n < 2,
            homeless=True if n < 3 else None,
        )
    earlier = TraineeFactory(
        user__username="earlier", participation_started_on=datetime.date(2025, 6, 2)
    )
    TraineeFactory(user__username="outside", participation_started_on=datetime.date(2026, 3, 2))
    project.participants.set([*starters, earlier])
    for trainee, reason in ((starters[1], "employment"), (starters[2], "employment")):
        trainee.move_to(
            Stage.EXITED, datetime.date(2026, 9, 30), by=personas.manager, exit_reason=reason
        )
    starters[3].move_to(
        Stage.EXITED, datetime.date(2026, 10, 1), by=personas.manager, exit_reason="dropped_out"
    )
    four_weeks = FollowUp.objects.get(exit__trainee=starters[1], point="four_weeks")
    four_weeks.record(
        datetime.date(2026, 10, 28), True, "in_work", "own_home", "", personas.manager
    )
    work(starters[4], garden, datetime.date(2026, 11, 16))  # 6 h paid work
    work(starters[4], garden, datetime.date(2026, 11, 17), start=8, end=12, work_type="training")
    work(starters[5], garden, datetime.date(2026, 11, 16), status="draft")  # not verified
    return project


def rows_of(report):
    return {
        (s.title, r.label): (r.shown if r.count is not None else r.hours)
        for s in report.sections
        for r in s.rows
    }


def test_the_counts_match_the_hand_count(project):
    from reintegra_coop.pathways.report import funder_report

    found = rows_of(funder_report(project, project.starts_on, project.ends_on))
    assert found[("Participants", "started in the period")] == "7"
    assert found[("Furthest stage reached", "Trial")] == "< 5"  # 1
    # 6, hidden: 7 started minus 6 would give the trial's 1 away
    assert found[("Furthest stage reached", "Participant")] == "*"
    assert found[("Age at the start", "under 25")] == "*"  # 5, or 7 − 5 gives the 2 away
    assert found[("Age at the start", "35–49")] == "< 5"  # 2
    assert found[("Age at the start", "50 and over")] == "0"
    # 5, 1 and 1 of 7: with the two small ones marked, 7 − 5 gives both away (1 and 1), and
    # hiding the 5 too still would (it is at least 5): so all three are hidden alike
    assert found[("Sex", "Woman")] == found[("Sex", "Man")] == found[("Sex", "not recorded")]
    assert found[("Sex", "Man")] == "*" and found[("Sex", "Another answer")] == "0"
    assert found[("Long-term unemployed", "no")] == "< 5"  # 4
    assert found[("Homeless at the start", "not recorded")] == "< 5"  # 4
    assert found[("Exits", "left the programme in the period")] == "< 5"  # 3
    assert found[("Exits", "Employment")] == "< 5" and found[("Exits", "Terminated")] == "0"
    assert found[("Exits", "Dropped out")] == "< 5"
    assert found[("In work or education", "at exit")] == "< 5"  # 2
    assert found[("In work or education", "4 weeks after the exit")] == "< 5"  # 1
    assert found[("In work or education", "6 months after the exit")] == "0"
    assert found[("Hours delivered", "work")] == Decimal(6)
    assert found[("Hours delivered", "training")] == Decimal(4)


def test_the_page_the_xlsx_and_the_pdf_show_the_same_suppressed_counts(client, personas, project):
    client.force_login(personas.manager)
    page = client.get(reverse("pathways:report", args=[project.pk])).content.decode()
    assert "&lt; 5" in page and "EFS+ Reintegracja 2026" in page
    xlsx = client.get(reverse("pathways:report_xlsx", args=[project.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[("Participants", "started in the period")] == 7
    assert cells[("Sex", "Man")] == "*"
    assert cells[("Age at the start", "35–49")] == "< 5"
    assert cells[("Hours delivered", "training")] == 4
    pdf = client.get(reverse("pathways:report_pdf", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="pl")
    assert pdf.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True).stdout
    assert "< 5" in text.decode() and "EFS+ Reintegracja 2026" in text.decode()


def test_a_chart_draws_one_to_four_people_no_longer_than_five():
    from django.template import engines

    section = Section("Sex", (Row("a", 1), Row("b", 4), Row("c", 5), Row("d", 10)), chart=True)
    hidden = protected((Row("a", 1), Row("b", 6), Row("c", 9)))
    assert [row.shown for row in hidden] == ["< 5", "*", "9"]
    # two small cells with a shown 5 of 7: both would be 1
    assert [r.shown for r in protected((Row("w", 5), Row("m", 1), Row("n", 1)))] == ["*"] * 3
    # 3 and 4 of 7, nothing else: the total does not tell them apart
    assert [r.shown for r in protected((Row("x", 3), Row("y", 4)))] == ["< 5", "< 5"]
    # one small cell beside 6 of 7: hidden too, and its bar is as long as the small one's
    template = engines["jinja2"].from_string(
        '{% from "pathways/_charts.html" import bars %}{{ bars(section) }}'
    )
    trial = Section("Stage", protected((Row("trial", 1), Row("participant", 6))), chart=True)
    svg = template.render({"section": trial})
    assert [int(c.split('width="')[1].split('"')[0]) for c in svg.split("<rect")[1:]] == [260, 260]
    svg = template.render({"section": section})
    lengths = [int(chunk.split('width="')[1].split('"')[0]) for chunk in svg.split("<rect")[1:]]
    assert lengths[0] == lengths[1] == lengths[2] == 130 and lengths[3] == 260
    assert ">1<" not in svg and ">4<" not in svg


def test_only_managers_open_projects_and_reports(client, personas, project):
    for who in ("care_worker", "garden_instructor", "accountant", "trainee_anna", "outsider"):
        user = getattr(personas, who)
        client.force_login(getattr(user, "user", user))
        for name in ("pathways:report", "pathways:report_pdf", "pathways:report_xlsx"):
            assert client.get(reverse(name, args=[project.pk])).status_code == 403, (who, name)
        assert client.get(reverse("pathways:projects")).status_code == 403


def test_characteristics_need_the_consent_day_and_stay_within_the_caseload(client, personas):
    client.force_login(personas.care_worker)
    url = reverse("pathways:participant_profile", args=[personas.trainee_anna.pk])
    page = client.post(url, {"sex": "female", "homeless": "true"}).content.decode()
    assert "consent given on" in page.lower() and "This field is required." in page
    assert not ParticipantProfile.objects.exists()
    assert (
        client.post(
            url, {"consent_on": "2026-11-20", "sex": "female", "homeless": "true"}
        ).status_code
        == 302
    )
    assert ParticipantProfile.objects.get().homeless is True
    bartek = reverse("pathways:participant_profile", args=[personas.trainee_bartek.pk])
    assert client.get(bartek).status_code == 404


def test_a_consent_ahead_or_a_range_backwards_is_refused_naming_the_field(
    client, personas, project
):
    client.force_login(personas.manager)
    url = reverse("pathways:participant_profile", args=[personas.trainee_anna.pk])
    page = client.post(url, {"consent_on": "2027-06-01", "sex": "female"}).content.decode()
    assert "A consent is recorded once it is given, not ahead." in page
    backwards = client.get(
        reverse("pathways:report", args=[project.pk]), {"start": "2026-12-31", "end": "2026-01-01"}
    )
    assert backwards.status_code == 400
    assert "The end cannot be before the start." in backwards.content.decode()
