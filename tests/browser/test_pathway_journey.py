"""The pathway out, in a real browser, done by a coordinator through the pages alone: the manager
adds an employer and a job opening asking for hours in a skill, sees Anna ranked first with the
evidence, refers her (refused without her consent, recorded once the consent is on her privacy
page), records the employer's answer, starts a placement with the garden instructor as job
coach; the job coach records a day and imports the employer's sheet; the manager approves the
days, ends the placement as completed, exits Anna into work, and — six months on (the server's
clock moved) — records the follow-up contact; last the funder's report of a project with her
among its participants, "< 5" on the page and as a PDF.

Only the starting data is made in Python: the trainees' approved work logs in a skill.
Screenshots in build/screenshots/pathway-*.png."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from reintegra_coop.care.plans import Milestone, MilestoneKind
from reintegra_coop.pathways.models import (
    Exit,
    FollowUp,
    FollowUpPoint,
    FundingProject,
    Opening,
    Organisation,
    Placement,
    PlacementStatus,
    Referral,
    ReferralAnswer,
)
from reintegra_coop.people.models import Stage
from reintegra_coop.privacy.models import Consent, DisclosureLog
from reintegra_coop.work.models import WorkLog, WorkLogStatus, WorkType
from tests.factories import PASSWORD, WORK_DAY, SkillFactory, work, working_days_before

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),  # a Monday (WORK_DAY); the server's today too
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
EMPLOYER = "Ogrody Miejskie Sp. z o.o."
PLACEMENT_START = datetime.date(2026, 11, 16)  # the Monday before: its days are in the past
SIX_MONTHS_ON = datetime.datetime(2027, 5, 24, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))


def L(text: str) -> re.Pattern[str]:
    """A form field's label as Django writes it ("Name:"), matched whole."""
    return re.compile(rf"^{re.escape(text)}:?$", re.IGNORECASE)


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Right after a redirect the page's height may not be settled yet (a first full-page shot
    # came out cut at the window's height): wait until nothing more loads.
    page.wait_for_load_state("networkidle")
    page.screenshot(path=SCREENSHOTS / f"pathway-{name}.png", full_page=True)


def log_in(page, username: str) -> None:
    """Log in on the login page the browser is on (or opens)."""
    if "/login/" not in page.url:
        page.goto("/login/")
    page.get_by_label("Username or card number").fill(username)
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.wait_for_load_state("load")


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login/"))


def test_a_coordinator_takes_anna_from_the_match_to_work_and_reports_it(page, personas):
    anna, bartek, garden = personas.trainee_anna, personas.trainee_bartek, personas.garden
    planting = SkillFactory(workshop=garden, name="Planting")
    # Approved hours in the skill, before the placement's first day: Anna 8 × 6 h = 48 h,
    # Bartek (who also works in the garden) 3 × 6 h = 18 h; the opening asks for 40 h.
    bartek.workshops.add(garden)
    for day in working_days_before(PLACEMENT_START, 8):
        work(anna, garden, day, skill=planting)
    for day in working_days_before(PLACEMENT_START, 3):
        work(bartek, garden, day, skill=planting)

    # 1. The manager: Jobs → Partners → a cooperating employer → a job opening for it.
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "manager")
    page.locator("nav.main-nav").get_by_role("link", name="Jobs").click()
    expect(page.get_by_role("heading", name="Job openings")).to_be_visible()
    page.get_by_role("link", name="Partners", exact=True).click()
    page.get_by_role("link", name="Add a partner").click()
    page.get_by_label(L("Name")).fill(EMPLOYER)
    page.get_by_label(L("Kind")).select_option(label="Employer")
    page.get_by_label(L("Ties with the cooperative")).select_option(label="Cooperating employer")
    page.get_by_label(L("Phone")).fill("+48 22 555 01 02")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The partner is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name=EMPLOYER)).to_be_visible()
    employer = Organisation.objects.get(name=EMPLOYER)
    assert (employer.kind, employer.employer_tie) == ("employer", "cooperating")

    page.get_by_role("link", name="Add a job opening").click()
    expect(page.get_by_label(L("Employer"))).to_have_value(str(employer.pk))  # from the partner
    page.get_by_label(L("Job")).fill("Gardener's assistant")
    page.get_by_label(L("Place of work")).fill("Park Skaryszewski, Warszawa")
    page.get_by_label(L("Hours a week")).fill("30")
    first_skill = page.locator("fieldset", has_text="Skill asked for 1")
    first_skill.get_by_label(L("Skill")).select_option(label="Organic garden: Planting")
    first_skill.get_by_label(L("Hours at least")).fill("40")
    shot(page, "1-opening-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The job opening is saved.")).to_be_visible()
    opening = Opening.objects.get(title="Gardener's assistant")
    assert opening.employer == employer
    assert [(s.skill, s.hours) for s in opening.skills.all()] == [(planting, 40)]

    # 2. The matching trainees: Anna first, meeting it in full; Bartek 18 of 40 hours.
    expect(page.get_by_role("heading", name=f"Gardener's assistant · {EMPLOYER}")).to_be_visible()
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Anna Garden")
    expect(rows.nth(0)).to_contain_text("100 %")
    expect(rows.nth(0)).to_contain_text("Hours in Organic garden: Planting: 48")
    expect(rows.nth(0).locator("li.met")).to_have_count(1)
    expect(rows.nth(1)).to_contain_text("Bartek Carpenter")
    expect(rows.nth(1)).to_contain_text("45 %")  # 18 ÷ 40
    expect(rows.nth(1).locator("li.missing")).to_contain_text("missing 22")
    shot(page, "2-matching")
    match_url = page.url

    # Refer Anna: refused, naming the consent, while she has none for this employer.
    rows.nth(0).get_by_role("link", name="Refer").click()
    expect(page.get_by_label(L("Trainee"))).to_have_value(str(anna.pk))
    page.get_by_label(L("Why")).fill("48 h of planting, steady attendance; wants outdoor work.")
    page.get_by_role("button", name="Save").click()
    refusal = (
        f"Anna Garden has not consented to their data going to {EMPLOYER}: "
        "record the consent on their Data protection page first."
    )
    expect(page.get_by_text(refusal)).to_be_visible()
    shot(page, "3-referral-refused")
    assert not Referral.objects.exists()

    # The consent, on Anna's privacy page (through the pages, not set up beforehand).
    page.goto(f"/privacy/trainees/{anna.pk}/")
    page.get_by_label(L("Consent to")).select_option(
        label="Sharing data with a partner organisation"
    )
    page.get_by_label(L("Partner")).select_option(label=EMPLOYER)
    page.get_by_label(L("Given on")).fill(WORK_DAY.isoformat())
    page.get_by_role("button", name="Record the consent").click()
    expect(page.get_by_text("The consent is recorded.")).to_be_visible()
    expect(page.locator("table.list")).to_contain_text(
        f"Sharing data with a partner organisation: {EMPLOYER}"
    )
    shot(page, "4-consent")
    consent = Consent.objects.get(trainee=anna)
    assert (consent.organisation, consent.given_on) == (employer, WORK_DAY)

    page.goto(match_url)
    page.locator("table.list tbody tr").nth(0).get_by_role("link", name="Refer").click()
    page.get_by_label(L("Why")).fill("48 h of planting, steady attendance; wants outdoor work.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The referral is recorded.")).to_be_visible()
    referral = Referral.objects.get()
    assert (referral.trainee, referral.organisation, referral.opening) == (anna, employer, opening)
    assert referral.answer == ReferralAnswer.PENDING
    sent = DisclosureLog.objects.get(trainee=anna, document="referral")
    assert (sent.recipient, sent.disclosed_by) == (EMPLOYER, personas.manager)

    # Its answer, on the Referrals page.
    row = page.locator("table.list tbody tr", has_text="Anna Garden")
    expect(row).to_contain_text("Waiting for an answer")
    row.get_by_role("link", name="Record the answer").click()
    page.get_by_label(L("Answer")).select_option(label="Accepted")
    page.get_by_label(L("About the answer")).fill("Interview on 20 November went well.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The answer is recorded.")).to_be_visible()
    row = page.locator("table.list tbody tr", has_text="Anna Garden")
    expect(row).to_contain_text("Accepted")
    expect(row.get_by_role("link", name="Record the answer")).to_have_count(0)
    shot(page, "5-referrals")
    referral.refresh_from_db()
    assert (referral.answer, referral.answered_on) == (ReferralAnswer.ACCEPTED, WORK_DAY)

    # 3. A placement from the match row: the garden instructor coaches, the employer pays.
    page.goto(match_url)
    page.locator("table.list tbody tr").nth(0).get_by_role("link", name="Start a placement").click()
    expect(page.get_by_label(L("Trainee"))).to_have_value(str(anna.pk))
    expect(page.get_by_label(L("Employer"))).to_have_value(str(employer.pk))
    expect(page.get_by_label(L("Job opening"))).to_have_value(str(opening.pk))
    coach = personas.garden_instructor.get_full_name()
    page.get_by_label(L("Job coach")).select_option(label=coach)
    page.get_by_label(L("From")).fill(PLACEMENT_START.isoformat())
    page.get_by_label(L("Days worked to complete it")).fill("3")
    page.get_by_label(L("Who pays")).select_option(label="The employer pays a wage")
    shot(page, "6-placement-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The placement is started.")).to_be_visible()
    placement = Placement.objects.get()
    assert placement.trainee == anna and placement.opening == opening
    assert placement.job_coach.user == personas.garden_instructor
    assert placement.pay_terms == "employer_pays"
    assert placement.starts_on == PLACEMENT_START
    assert placement.milestone.kind == MilestoneKind.PLACEMENT
    placement_url = page.url
    log_out(page)

    # The job coach records a day at the employer and imports the employer's sheet.
    log_in(page, personas.garden_instructor.username)
    shot(page, "7-coach-home")
    page.goto("/pathways/placements/")
    page.get_by_role("link", name="Anna Garden").click()
    expect(page).to_have_url(placement_url)
    day_form = page.locator("form[action$='/days/']")
    day_form.get_by_label(L("Date")).fill("2026-11-18")
    day_form.get_by_label(L("Start")).fill("08:00")
    day_form.get_by_label(L("End")).fill("14:00")
    day_form.get_by_label(L("Attendance")).select_option(label="Present")
    page.get_by_role("button", name="Record the day").click()
    expect(page.get_by_text("The day is recorded; a manager approves it.")).to_be_visible()

    page.get_by_text("Import the employer's sheet").click()
    sheet = (
        "date;start;end;attendance\n2026-11-16;08:00;14:00;present\n2026-11-17;08:00;13:30;late\n"
    )
    page.locator("input[name=sheet]").set_input_files(
        {"name": "ogrody-listopad.csv", "mimeType": "text/csv", "buffer": sheet.encode()}
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("2 days are recorded from the sheet.")).to_be_visible()
    days_table = page.locator("table.list").first
    expect(days_table.locator("tbody tr")).to_have_count(3)
    expect(days_table).to_contain_text("08:00–13:30")
    expect(page.locator("dl.facts")).to_contain_text("3 / 3")
    shot(page, "8-placement-days")
    employer.refresh_from_db()  # its placement workshop, made on the first day
    days = WorkLog.objects.filter(trainee=anna, workshop=employer.placement_workshop)
    assert sorted(d.date.day for d in days) == [16, 17, 18]
    assert {(d.status, d.work_type) for d in days} == {
        (WorkLogStatus.SUBMITTED, WorkType.EMPLOYER_PAID)
    }
    log_out(page)

    # The manager approves the days on Approvals, then ends the placement as completed.
    log_in(page, "manager")
    nav = page.locator("nav.main-nav")
    nav.get_by_role("link", name="Approvals").click()
    expect(page.get_by_role("heading", name="Work logs waiting for approval (3)")).to_be_visible()
    for day in ("2026-11-16", "2026-11-17", "2026-11-18"):
        page.get_by_label(f"Approve Anna Garden {day}").check()
    expect(page.locator("table.list")).to_contain_text("Placement paid by the employer")
    shot(page, "9-approvals")
    page.get_by_role("button", name="Approve the ticked entries").click()
    expect(page.get_by_text("3 entries approved.")).to_be_visible()
    expect(page.get_by_text("Nothing waits for approval.")).to_be_visible()
    assert set(days.values_list("status", flat=True)) == {WorkLogStatus.APPROVED}
    milestone = Milestone.objects.get(pk=placement.milestone_id)
    assert milestone.achieved_on is not None

    page.goto(placement_url)
    expect(page.locator("dl.facts")).to_contain_text("milestone achieved on")
    page.get_by_text("End the placement").first.click()
    end_form = page.locator("form[action$='/end/']")
    end_form.get_by_label(L("How it ended")).select_option(label="Completed")
    end_form.get_by_role("button", name="End the placement").click()
    expect(page.get_by_text("The placement has ended.")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("Completed")
    expect(page.locator("form[action$='/days/']")).to_have_count(0)
    shot(page, "10-placement-ended")
    placement.refresh_from_db()
    assert (placement.status, placement.ended_on) == (PlacementStatus.COMPLETED, WORK_DAY)

    # 4. Anna exits into work, from her page.
    page.goto(f"/people/trainees/{anna.pk}/")
    page.get_by_role("link", name="Exit with where they go").click()
    expect(page.get_by_role("heading", name="Exit of Anna Garden")).to_be_visible()
    page.get_by_label(L("Exit reason")).select_option(label="Employment")
    page.get_by_label(L("Employer")).select_option(label=EMPLOYER)
    page.get_by_label(L("Kind of contract")).select_option(label="Employment contract, fixed-term")
    page.get_by_label(L("Work at exit")).select_option(label="In work")
    page.get_by_label(L("Housing at exit")).select_option(label="Supported or training flat")
    shot(page, "11-exit-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Anna Garden has left the programme.")).to_be_visible()
    follow_ups = page.locator("table.list tbody tr")
    expect(follow_ups).to_have_count(3)
    expect(follow_ups.nth(2)).to_contain_text("6 months after the exit")
    shot(page, "12-exit")
    exit_record = Exit.objects.get(trainee=anna)
    assert exit_record.employer == employer
    assert (exit_record.contract, exit_record.work_status, exit_record.housing) == (
        "fixed_term",
        "in_work",
        "supported_flat",
    )
    anna.refresh_from_db()
    assert anna.stage == Stage.EXITED
    six_months = FollowUp.objects.get(exit=exit_record, point=FollowUpPoint.SIX_MONTHS)
    assert six_months.due_on == datetime.date(2027, 5, 23)

    # Six months on, the server's clock with it: the session has expired, log in again.
    with time_machine.travel(SIX_MONTHS_ON, tick=True):
        page.goto("/pathways/follow-ups/")
        expect(page).to_have_url(re.compile(r"/login/"))
        log_in(page, "manager")
        expect(page.get_by_role("heading", name="Follow-up contacts")).to_be_visible()
        due = page.locator("table.list").first
        expect(due.locator("tbody tr")).to_have_count(3)  # all three are due by now
        due_row = due.locator("tr", has_text="6 months after the exit")
        expect(due_row).to_contain_text("Anna Garden")
        shot(page, "13-follow-ups-due")
        due_row.get_by_role("link", name="Anna Garden").click()
        row = page.locator("table.list tbody tr", has_text="6 months after the exit")
        row.get_by_text("Record the contact").click()
        expect(row.get_by_label(L("Contacted on"))).to_have_value("2027-05-24")
        row.get_by_label(L("Reached")).select_option(label="Yes")
        row.get_by_label(L("Work then")).select_option(label="In work")
        row.get_by_label(L("Housing then")).select_option(label="Own or rented home")
        row.get_by_label(L("Note")).fill("Still at the gardens; rents a room in Praga.")
        row.get_by_role("button", name="Save").click()
        expect(page.get_by_text("The follow-up contact is recorded.")).to_be_visible()
        row = page.locator("table.list tbody tr", has_text="6 months after the exit")
        expect(row).to_contain_text("In work")
        expect(row).to_contain_text("Own or rented home")
        shot(page, "14-follow-up-recorded")
        six_months.refresh_from_db()
        assert six_months.contacted_on == datetime.date(2027, 5, 24)
        assert (six_months.reached, six_months.work_status, six_months.housing) == (
            True,
            "in_work",
            "own_home",
        )

        # 5. A funding project with Anna among its participants, and its funder's report.
        page.locator("p.links").get_by_role("link", name="Funder's reports").click()
        page.get_by_role("link", name="Add a funding project").click()
        page.get_by_label(L("Name")).fill("Praca na start 2026–2027")
        page.get_by_label(L("Funder")).fill("European Social Fund Plus")
        page.get_by_label(L("Contract number")).fill("FEMA.07.01-IP.01-0042/26")
        page.get_by_label(L("From")).fill("2026-01-01")
        page.get_by_label(L("Until")).fill("2027-06-30")
        page.get_by_label("Anna Garden").check()
        shot(page, "15-project-form")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("The funding project is saved.")).to_be_visible()
        project = FundingProject.objects.get()
        assert list(project.participants.all()) == [anna]
        expect(page.get_by_role("heading", name="Funder's report: Praca na start")).to_be_visible()
        started = page.locator("tr", has_text="started in the period")
        expect(started.locator("td.num")).to_have_text("< 5")
        work_rows = page.locator("section", has_text="In work or education")
        expect(work_rows.locator("tr", has_text="6 months after the exit")).to_contain_text("< 5")
        expect(page.locator("svg.chart").first).to_be_visible()
        shot(page, "16-report")

        href = page.get_by_role("link", name="PDF", exact=True).get_attribute("href")
        assert href and "start=2026-01-01" in href and "end=2027-06-30" in href
        response = page.request.get(href)
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
