"""Taking on a trainee in the app: one page creates the trainee and their portal login, with
optional pay scheme and tenancy, and checks the national id and possible duplicates first."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from reintegra_coop.housing.models import ClosedRentMonth, Tenancy
from reintegra_coop.pay.models import PayPeriod, PayScheme
from reintegra_coop.people.models import Stage, Trainee
from tests.factories import (
    PIN,
    HousingUnitFactory,
    PaySchemeFactory,
    StaffMemberFactory,
    TenancyFactory,
    TraineeFactory,
    WorkshopFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

NEW = reverse("people:trainee_new")
PESEL = "44051401359"  # born 1944-05-14, a valid check digit


def form(personas, **changes):
    data = {
        "first_name": "Ewa",
        "last_name": "Nowicka",
        "date_of_birth": "1990-03-04",
        "national_id": "",
        "preferred_language": "pl",
        "phone": "600 100 200",
        "workshops": [personas.garden.pk],
        "care_workers": [personas.care_worker.staff_member.pk],
        "stage": "applicant",
        "applied_on": "2026-11-20",
        "card_number": "C-3001",
        "username": "",
        "pin-new_password1": "7391",
        "pin-new_password2": "7391",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def counts():
    return (Trainee.objects.count(), User.objects.count(), PayScheme.objects.count())


def test_a_manager_takes_on_a_trainee_who_can_then_log_in_with_card_and_pin(client, personas):
    client.force_login(personas.manager)
    response = client.post(NEW, form(personas))
    trainee = Trainee.objects.get(card_number="C-3001")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:trainee_detail", args=[trainee.pk])
    assert (trainee.full_name, trainee.date_of_birth, trainee.stage) == (
        "Ewa Nowicka",
        datetime.date(1990, 3, 4),
        Stage.APPLICANT,
    )
    assert (trainee.applied_on, trainee.stage_since) == (datetime.date(2026, 11, 20),) * 2
    assert list(trainee.workshops.all()) == [personas.garden]
    assert list(trainee.care_workers.all()) == [personas.care_worker.staff_member]
    assert trainee.user.username == "ewa.nowicka"
    assert trainee.created_by == personas.manager
    client.logout()
    response = client.post("/login/", {"username": "C-3001", "password": "7391"})
    assert response["Location"] == "/"


def test_the_page_suggests_the_next_free_card_number(client, personas):
    TraineeFactory(card_number="C-1024")
    client.force_login(personas.manager)
    page = client.get(NEW).content.decode()
    assert 'value="C-2003"' in page  # the personas hold C-2001 and C-2002


def test_a_name_with_polish_letters_makes_a_plain_username_and_a_taken_one_gets_a_number(
    client, personas
):
    User.objects.create(username="lukasz.zolc")
    client.force_login(personas.manager)
    client.post(NEW, form(personas, first_name="Łukasz", last_name="Żółć"))
    assert Trainee.objects.get(card_number="C-3001").user.username == "lukasz.zolc2"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"national_id": "44051401358"}, "national_id", "not valid: check its digits"),
        ({"national_id": PESEL}, "national_id", "someone born on another date"),
        ({"card_number": "C-2001"}, "card_number", "already taken"),
        ({"card_number": "C 1"}, "card_number", "3 to 20 letters"),
        ({"username": "anna"}, "username", "already taken"),
        ({"first_name": ""}, "first_name", "This field is required"),
        ({"date_of_birth": "1850-01-01"}, "date_of_birth", "between 1900-01-01"),
        ({"stage": "participant"}, "stage", "Select a valid choice"),
        ({"pin-new_password2": "7392"}, "new_password2", "The two PINs differ"),
        ({"pin-new_password1": "1111", "pin-new_password2": "1111"}, "new_password1", "too easy"),
        ({"pay-kind": "hourly", "pay-valid_from": "2026-12-01"}, "hourly_rate", "needs an hourly"),
        ({"housing-unit": "999"}, "unit", "Select a valid choice"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(client, personas, changes, field, message):
    client.force_login(personas.manager)
    before = counts()
    response = client.post(NEW, form(personas, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'name="{field}"' in page or f'name="pin-{field}"' in page or f"-{field}" in page
    assert counts() == before


def test_a_valid_pesel_with_its_date_of_birth_is_kept(client, personas):
    client.force_login(personas.manager)
    client.post(NEW, form(personas, national_id="440514 01359", date_of_birth="1944-05-14"))
    assert Trainee.objects.get(card_number="C-3001").national_id == PESEL


def test_possible_duplicates_are_shown_before_saving_and_need_a_tick(client, personas):
    other = TraineeFactory(first_name="Ewa", last_name="Nowicka", card_number="C-0777")
    other.date_of_birth = datetime.date(1990, 3, 4)
    other.save()
    client.force_login(personas.manager)
    before = counts()
    page = client.post(NEW, form(personas, first_name="ewa")).content.decode()
    assert counts() == before
    assert "Possible duplicates" in page
    assert reverse("people:trainee_detail", args=[other.pk]) in page
    assert "tick the box if this is someone else" in page
    client.post(NEW, form(personas, first_name="ewa", not_a_duplicate="on"))
    assert Trainee.objects.filter(card_number="C-3001").exists()


def test_the_same_national_id_cannot_be_taken_on_twice(client, personas):
    TraineeFactory(first_name="Józef", last_name="Stary", national_id=PESEL)
    client.force_login(personas.manager)
    before = counts()
    page = client.post(
        NEW, form(personas, national_id=PESEL, date_of_birth="1944-05-14", not_a_duplicate="on")
    ).content.decode()
    assert "Józef Stary already has this national id." in page
    assert counts() == before


def test_a_pay_scheme_and_a_tenancy_are_saved_with_the_trainee(client, personas):
    unit = HousingUnitFactory()
    client.force_login(personas.manager)
    client.post(
        NEW,
        form(
            personas,
            **{
                "pay-kind": "hourly",
                "pay-valid_from": "2026-12-01",
                "pay-hourly_rate": "23.50",
                "housing-unit": str(unit.pk),
                "housing-start": "2026-12-01",
                "housing-share_percent": "30",
            },
        ),
    )
    trainee = Trainee.objects.get(card_number="C-3001")
    scheme = PayScheme.objects.get(trainee=trainee)
    assert (scheme.kind, scheme.hourly_rate, scheme.created_by) == (
        "hourly",
        Decimal("23.50"),
        personas.manager,
    )
    tenancy = Tenancy.objects.get(trainee=trainee)
    assert (tenancy.unit, tenancy.share_percent) == (unit, Decimal("30"))


@pytest.mark.parametrize(
    "who", ["garden_instructor", "care_worker", "accountant", "outsider", "trainee_anna"]
)
def test_only_a_manager_takes_on_a_trainee(client, personas, who):
    user = getattr(personas, who)
    client.force_login(getattr(user, "user", user))
    before = counts()
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form(personas)).status_code == 403
    assert counts() == before


def test_the_manager_edits_the_record_on_the_trainee_page(client, personas):
    anna = personas.trainee_anna
    client.force_login(personas.manager)
    edit = reverse("people:trainee_edit", args=[anna.pk])
    response = client.post(
        edit,
        {
            "first_name": "Anna",
            "last_name": "Garden-Nowak",
            "date_of_birth": "1988-01-02",
            "national_id": "",
            "preferred_language": "cs",
            "workshops": [personas.garden.pk, personas.carpentry.pk],
            "care_workers": [],
            "card_number": "C-2001",
        },
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.last_name == "Garden-Nowak"
    assert anna.workshops.count() == 2
    assert not anna.care_workers.exists()
    assert anna.modified_by == personas.manager


@pytest.mark.parametrize("who", ["garden_instructor", "care_worker", "accountant"])
def test_only_a_manager_edits_the_record(client, personas, who):
    client.force_login(getattr(personas, who))
    edit = reverse("people:trainee_edit", args=[personas.trainee_anna.pk])
    assert client.post(edit, {"first_name": "X", "last_name": "Y"}).status_code == 403
    personas.trainee_anna.refresh_from_db()
    assert personas.trainee_anna.first_name == "Anna"


def test_the_login_card_is_printed_in_the_trainees_language(client, personas):
    anna = personas.trainee_anna
    anna.preferred_language = "pl"
    anna.save()
    client.force_login(personas.manager)
    page = client.post(reverse("portal:print_code", args=[anna.pk])).content.decode()
    assert "C-2001" in page and "anna" in page
    assert "Numer karty" in page  # Polish, whatever the manager's language
    assert "<svg" in page


def test_the_manager_undoes_and_withdraws_through_the_trainee_page(client, personas):
    trainee = TraineeFactory(stage=Stage.APPLICANT, workshops=[personas.garden])
    trainee.move_to(Stage.DIAGNOSIS, datetime.date(2026, 11, 20), by=personas.manager)
    client.force_login(personas.manager)
    detail = reverse("people:trainee_detail", args=[trainee.pk])
    undo = reverse("people:undo_stage", args=[trainee.pk])
    asked = client.post(undo, {"reason": "Clicked the wrong row"})
    assert "Undo the last stage change" in asked.content.decode()  # a confirmation first
    trainee.refresh_from_db()
    assert trainee.stage == Stage.DIAGNOSIS
    client.post(undo, {"reason": "Clicked the wrong row", "confirmed": "yes"})
    trainee.refresh_from_db()
    assert trainee.stage == Stage.APPLICANT
    assert "Clicked the wrong row" in client.get(detail).content.decode()
    withdraw = reverse("people:withdraw", args=[trainee.pk])
    client.post(withdraw, {"reason": "Entered twice", "confirmed": "yes"})
    trainee.refresh_from_db()
    assert trainee.withdrawn_at is not None
    assert client.get(detail).status_code == 404
    assert trainee.full_name not in client.get(reverse("people:manager_home")).content.decode()


@pytest.mark.parametrize("who", ["garden_instructor", "care_worker", "accountant"])
def test_only_a_manager_undoes_or_withdraws(client, personas, who):
    anna = personas.trainee_anna
    client.force_login(getattr(personas, who))
    for name in ("people:undo_stage", "people:withdraw"):
        url = reverse(name, args=[anna.pk])
        assert client.post(url, {"reason": "x", "confirmed": "yes"}).status_code == 403
    anna.refresh_from_db()
    assert anna.withdrawn_at is None


def test_a_new_pay_scheme_on_the_trainee_page_ends_the_current_one_the_day_before(client, personas):
    anna = personas.trainee_anna
    PaySchemeFactory(trainee=anna, kind="stipend", valid_from=datetime.date(2026, 9, 1))
    client.force_login(personas.manager)
    edit = reverse("people:trainee_edit", args=[anna.pk])
    assert "Integration stipend: 2026-09-01 – …" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            **record_of(anna, personas),
            "pay-kind": "hourly",
            "pay-valid_from": "2026-12-01",
            "pay-hourly_rate": "24.00",
        },
    )
    assert response.status_code == 302
    schemes = [
        (s.kind, s.valid_from, s.valid_until) for s in anna.pay_schemes.order_by("valid_from")
    ]
    assert schemes == [
        ("stipend", datetime.date(2026, 9, 1), datetime.date(2026, 11, 30)),
        ("hourly", datetime.date(2026, 12, 1), None),
    ]


def test_a_scheme_starting_before_the_current_one_or_in_a_closed_month_is_refused(client, personas):
    anna = personas.trainee_anna
    PaySchemeFactory(trainee=anna, kind="stipend", valid_from=datetime.date(2026, 9, 1))
    PayPeriod.objects.create(month=datetime.date(2026, 10, 1), state="approved")
    client.force_login(personas.manager)
    edit = reverse("people:trainee_edit", args=[anna.pk])
    for start, message in [
        ("2026-08-01", "another pay scheme then"),
        ("2026-10-15", "The pay of that month is closed"),
    ]:
        page = client.post(
            edit,
            {
                **record_of(anna, personas, last_name="Changed"),
                "pay-kind": "hourly",
                "pay-valid_from": start,
                "pay-hourly_rate": "24.00",
            },
        ).content.decode()
        assert message in page
    anna.refresh_from_db()
    assert anna.last_name == "Garden"  # nothing half-saved
    assert anna.pay_schemes.get().valid_until is None


def test_moving_up_the_housing_ladder_ends_the_current_tenancy(client, personas):
    anna = personas.trainee_anna
    shelter, flat = HousingUnitFactory(name="Shelter bed 4"), HousingUnitFactory(name="Flat 2")
    TenancyFactory(trainee=anna, unit=shelter, start=datetime.date(2026, 9, 1))
    client.force_login(personas.manager)
    edit = reverse("people:trainee_edit", args=[anna.pk])
    client.post(
        edit,
        {
            **record_of(anna, personas),
            "housing-unit": str(flat.pk),
            "housing-start": "2026-12-01",
            "housing-share_fixed": "150.00",
        },
    )
    tenancies = [(t.unit.name, t.end) for t in anna.tenancies.order_by("start")]
    assert tenancies == [("Shelter bed 4", datetime.date(2026, 11, 30)), ("Flat 2", None)]


def record_of(trainee, personas, **changes):
    return {
        "first_name": trainee.first_name,
        "last_name": trainee.last_name,
        "preferred_language": "",
        "workshops": [w.pk for w in trainee.workshops.all()],
        "card_number": trainee.card_number,
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"username": "c-2001"}, "This username is already taken."),  # Anna's card number
        ({"card_number": "ANNA"}, "This card number is already taken."),  # Anna's username
    ],
)
def test_a_new_login_never_answers_to_another_trainees_card_or_username(
    client, personas, changes, message
):
    client.force_login(personas.manager)
    before = counts()
    assert message in client.post(NEW, form(personas, **changes)).content.decode()
    assert counts() == before
    client.logout()
    response = client.post("/login/", {"username": "C-2001", "password": PIN})
    assert response["Location"] == "/"  # Anna still logs in with her card


def test_a_trainee_taken_on_in_diagnosis_has_the_step_in_the_stage_history(client, personas):
    client.force_login(personas.manager)
    client.post(NEW, form(personas, stage="diagnosis"))
    trainee = Trainee.objects.get(card_number="C-3001")
    assert (trainee.stage, trainee.stage_since) == (Stage.DIAGNOSIS, datetime.date(2026, 11, 20))
    assert [(c.from_stage, c.to_stage, c.created_by) for c in trainee.stage_changes.all()] == [
        ("applicant", "diagnosis", personas.manager)
    ]


def test_editing_a_record_to_another_trainees_national_id_is_refused_on_the_field(client, personas):
    anna, bartek = personas.trainee_anna, personas.trainee_bartek
    anna.national_id, anna.date_of_birth = PESEL, datetime.date(1944, 5, 14)
    anna.save()
    client.force_login(personas.manager)
    edit = reverse("people:trainee_edit", args=[bartek.pk])
    response = client.post(
        edit, record_of(bartek, personas, national_id=PESEL, date_of_birth="1944-05-14")
    )
    assert response.status_code == 200
    assert "Anna Garden already has this national id." in response.content.decode()
    bartek.refresh_from_db()
    assert bartek.national_id == ""


def test_a_national_id_in_full_width_digits_is_read_as_plain_digits(client, personas):
    TraineeFactory(first_name="Józef", last_name="Stary", national_id=PESEL)
    full_width = PESEL.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    client.force_login(personas.manager)
    page = client.post(
        NEW, form(personas, national_id=full_width, date_of_birth="1944-05-14")
    ).content.decode()
    assert "Józef Stary already has this national id." in page
    assert not Trainee.objects.filter(card_number="C-3001").exists()


def test_editing_keeps_an_inactive_workshop_and_care_worker_the_trainee_already_has(
    client, personas
):
    anna = personas.trainee_anna
    closed = WorkshopFactory(name="Closed bakery", active=False)
    anna.workshops.add(closed)
    retired = StaffMemberFactory(
        user__username="retired.care", role="care_worker", active=False, caseload=[anna]
    )
    client.force_login(personas.manager)
    edit = reverse("people:trainee_edit", args=[anna.pk])
    care_workers = [personas.care_worker.staff_member.pk, retired.pk]
    response = client.post(edit, record_of(anna, personas, care_workers=care_workers))
    assert response.status_code == 302
    assert closed in anna.workshops.all()
    assert retired in anna.care_workers.all()
    assert "Closed bakery" not in client.get(NEW).content.decode()  # not offered to newcomers


def test_a_tenancy_starting_in_a_month_whose_rent_is_closed_is_refused(client, personas):
    anna = personas.trainee_anna
    shelter, flat = HousingUnitFactory(name="Shelter bed 4"), HousingUnitFactory(name="Flat 2")
    TenancyFactory(trainee=anna, unit=shelter, start=datetime.date(2026, 9, 1))
    ClosedRentMonth.objects.create(month=datetime.date(2026, 10, 1))
    client.force_login(personas.manager)
    page = client.post(
        reverse("people:trainee_edit", args=[anna.pk]),
        {
            **record_of(anna, personas),
            "housing-unit": str(flat.pk),
            "housing-start": "2026-10-15",
            "housing-share_fixed": "150.00",
        },
    ).content.decode()
    assert "The rent of that month is closed" in page
    assert anna.tenancies.get().end is None
