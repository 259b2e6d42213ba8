"""The manager's customer pages: the list (search, pages), a new customer and an edit, the tax id
checked by the site's country, possible duplicates shown before saving, and the way back to the
order form with the new customer chosen."""

import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from reintegra_coop.core.roles import Role
from reintegra_coop.orders.models import Customer, CustomerKind
from tests.factories import CustomerFactory, StaffMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

VALID_NIP = "526-104-22-18"
VALID_DIC = "CZ25123891"


def customer_data(**fields):
    data = {
        "kind": "business",
        "name": "Piekarnia Kłos",
        "tax_id": VALID_NIP,
        "address": "ul. Polna 2, Zielonka",
        "email": "biuro@klos.example",
        "phone": "+48 600 100 200",
        "active": "on",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def field_errors(response, name):
    """The messages shown on the field ``name`` of the page."""
    found = re.search(
        rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', response.content.decode(), re.S
    )
    return (
        [unescape(text) for text in re.findall(r"<li>(.*?)</li>", found.group(1))] if found else []
    )


def chosen_customer(response):
    select = re.search(r'<select name="customer".*?</select>', response.content.decode(), re.S)
    assert select is not None
    chosen = re.findall(r'<option value="(\d*)" selected>', select.group(0))
    return int(chosen[0]) if chosen and chosen[0] else None


@pytest.fixture
def care_lead(personas):
    return StaffMemberFactory(
        user__username="care.lead", role=Role.CARE_WORKER, care_lead=True
    ).user


@pytest.fixture
def everyone(personas, care_lead):
    return {**personas.all_users(), "care_lead": care_lead}


READS = {"manager": 200, "accountant": 200}
WRITES = {"manager": 200}


@pytest.mark.parametrize(
    "persona",
    [
        "manager",
        "garden_instructor",
        "carpentry_instructor",
        "care_worker",
        "care_lead",
        "accountant",
        "trainee_anna",
        "trainee_bartek",
        "outsider",
    ],
)
def test_only_managers_change_customers_and_accountants_read_them(client, everyone, persona):
    customer = CustomerFactory()
    client.force_login(everyone[persona])
    assert client.get(reverse("orders:customers")).status_code == READS.get(persona, 403)
    for url in (
        reverse("orders:customer_create"),
        reverse("orders:customer_edit", args=[customer.pk]),
    ):
        assert client.get(url).status_code == WRITES.get(persona, 403)
    response = client.post(reverse("orders:customer_create"), customer_data(name="Kłos"))
    assert response.status_code == (302 if persona == "manager" else 403)
    assert Customer.objects.filter(name="Kłos").exists() == (persona == "manager")


def test_someone_not_logged_in_is_sent_to_the_login_page(client, personas):
    for url in (reverse("orders:customers"), reverse("orders:customer_create")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


def test_the_list_finds_a_customer_by_name_and_has_pages(
    client, personas, django_assert_max_num_queries
):
    CustomerFactory(name="Urząd Gminy Zielonka", kind=CustomerKind.MUNICIPALITY)
    for number in range(60):
        CustomerFactory(name=f"Firma {number:02d}")
    client.force_login(personas.manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("orders:customers"))
    page = response.content.decode()
    assert "Firma 00" in page and "Firma 59" not in page  # 50 to a page, by name
    assert "page=2" in page
    second = client.get(reverse("orders:customers"), {"page": 2}).content.decode()
    assert "Firma 59" in second
    found = client.get(reverse("orders:customers"), {"q": "zielon"}).content.decode()
    assert "Urząd Gminy Zielonka" in found and "Firma 00" not in found


def test_an_accountant_reads_the_list_without_links_to_change_it(client, personas):
    customer = CustomerFactory(name="Zielony Talerz")
    client.force_login(personas.accountant)
    page = client.get(reverse("orders:customers")).content.decode()
    assert "Zielony Talerz" in page
    assert reverse("orders:customer_edit", args=[customer.pk]) not in page
    assert reverse("orders:customer_create") not in page


def test_the_orders_pages_link_to_the_customer_list(client, personas):
    for user in (personas.manager, personas.accountant):
        client.force_login(user)
        page = client.get(reverse("orders:list")).content.decode()
        assert f'href="{reverse("orders:customers")}"' in page


def test_a_manager_adds_a_business_customer_stamped_with_who_did_it(client, personas):
    client.force_login(personas.manager)
    response = client.post(reverse("orders:customer_create"), customer_data(tax_id="5261042218"))
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:customers")
    customer = Customer.objects.get(name="Piekarnia Kłos")
    assert customer.tax_id == VALID_NIP  # written the usual way
    assert (customer.created_by, customer.modified_by) == (personas.manager, personas.manager)
    assert customer.history.get().history_user == personas.manager


def test_a_business_without_a_tax_id_is_refused_naming_the_field(client, personas):
    client.force_login(personas.manager)
    response = client.post(reverse("orders:customer_create"), customer_data(tax_id=""))
    assert response.status_code == 200
    assert field_errors(response, "tax_id") == ["A business or municipality needs a tax id."]
    assert not Customer.objects.exists()


def test_a_person_needs_no_tax_id(client, personas):
    client.force_login(personas.manager)
    response = client.post(
        reverse("orders:customer_create"),
        customer_data(kind="person", name="Jan Kowalski", tax_id=""),
    )
    assert response.status_code == 302
    assert Customer.objects.get().kind == CustomerKind.PERSON


def test_a_polish_site_checks_the_nip_of_a_business(client, personas):
    client.force_login(personas.manager)
    response = client.post(reverse("orders:customer_create"), customer_data(tax_id="526-104-22-19"))
    assert response.status_code == 200
    assert field_errors(response, "tax_id") == ["This tax id is not valid: check its digits."]
    assert not Customer.objects.exists()


def test_a_czech_site_checks_the_dic_of_a_business(client, personas, settings):
    settings.COUNTRY = "CZ"
    client.force_login(personas.manager)
    refused = client.post(reverse("orders:customer_create"), customer_data(tax_id="CZ25123892"))
    assert field_errors(refused, "tax_id") == ["This tax id is not valid: check its digits."]
    accepted = client.post(reverse("orders:customer_create"), customer_data(tax_id="cz 25123891"))
    assert accepted.status_code == 302
    assert Customer.objects.get().tax_id == VALID_DIC


def test_another_customers_tax_id_is_refused_outright_even_when_ticked(client, personas):
    CustomerFactory(name="Piekarnia Kłos sp. z o.o.", tax_id="5261042218")
    client.force_login(personas.manager)
    response = client.post(
        reverse("orders:customer_create"),
        customer_data(name="Kłos", tax_id=VALID_NIP, not_a_duplicate="on"),
    )
    assert response.status_code == 200
    assert field_errors(response, "tax_id") == [
        "Piekarnia Kłos sp. z o.o. already has this tax id."
    ]
    assert Customer.objects.count() == 1


def test_a_customer_of_the_same_name_is_shown_before_saving(client, personas):
    namesake = CustomerFactory(name="Piekarnia Kłos", kind=CustomerKind.PERSON, tax_id="")
    client.force_login(personas.manager)
    first = client.post(reverse("orders:customer_create"), customer_data(name="piekarnia kłos "))
    assert first.status_code == 200
    assert field_errors(first, "tax_id") == []
    assert field_errors(first, "not_a_duplicate") == [
        "Check the possible duplicates first: tick the box if this is someone else."
    ]
    assert reverse("orders:customer_edit", args=[namesake.pk]) in first.content.decode()
    assert Customer.objects.count() == 1
    ticked = client.post(
        reverse("orders:customer_create"),
        customer_data(name="Piekarnia Kłos", not_a_duplicate="on"),
    )
    assert ticked.status_code == 302
    assert Customer.objects.count() == 2


def test_a_manager_edits_a_customer_without_being_asked_about_its_namesake(client, personas):
    CustomerFactory(name="Piekarnia Kłos", kind=CustomerKind.PERSON, tax_id="")
    customer = CustomerFactory(name="Piekarnia Kłos", tax_id=VALID_NIP)
    client.force_login(personas.manager)
    page = client.get(reverse("orders:customer_edit", args=[customer.pk]))
    assert "+48 600 100 200" not in page.content.decode()
    response = client.post(
        reverse("orders:customer_edit", args=[customer.pk]),
        customer_data(phone="+48 600 100 200", active=None),
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    assert (customer.phone, customer.active, customer.modified_by) == (
        "+48 600 100 200",
        False,
        personas.manager,
    )


def test_an_order_form_link_comes_back_with_the_new_customer_chosen(client, personas):
    client.force_login(personas.manager)
    order_form = client.get(reverse("orders:create")).content.decode()
    link = re.search(r'class="beside" href="([^"]*)">New customer<', order_form)
    assert link is not None
    path, query = link.group(1).replace("&amp;", "&").split("?")
    assert path == reverse("orders:customer_create")
    assert parse_qs(query) == {"next": [reverse("orders:create")]}
    new_page = client.get(path, {"next": reverse("orders:create")}).content.decode()
    assert f'name="next" value="{reverse("orders:create")}"' in new_page
    response = client.post(
        reverse("orders:customer_create"), {**customer_data(), "next": reverse("orders:create")}
    )
    customer = Customer.objects.get()
    assert response["Location"] == f"{reverse('orders:create')}?customer={customer.pk}"
    assert chosen_customer(client.get(response["Location"])) == customer.pk


def test_the_way_back_keeps_the_order_being_edited(client, personas):
    client.force_login(personas.manager)
    target = "/orders/7/edit/?from=board"
    response = client.post(reverse("orders:customer_create"), {**customer_data(), "next": target})
    customer = Customer.objects.get()
    assert response["Location"] == f"/orders/7/edit/?from=board&customer={customer.pk}"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/orders/new/",
        "//evil.example/orders/new/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "http://testserver.evil.example/",
    ],
)
def test_the_way_back_never_leaves_the_site(client, personas, target):
    client.force_login(personas.manager)
    page = client.get(reverse("orders:customer_create"), {"next": target}).content.decode()
    form = re.search(r'<form method="post" class="stacked customer-form".*?</form>', page, re.S)
    assert form is not None
    assert "evil.example" not in form.group(0) and "javascript:" not in form.group(0)
    response = client.post(reverse("orders:customer_create"), {**customer_data(), "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:customers")


def test_an_unknown_customer_in_the_order_forms_address_chooses_nothing(client, personas):
    client.force_login(personas.manager)
    inactive = CustomerFactory(active=False)
    for value in ("abc", str(inactive.pk), "99999"):
        response = client.get(reverse("orders:create"), {"customer": value})
        assert response.status_code == 200
        assert chosen_customer(response) is None


def test_the_demo_customers_pass_the_checks_of_the_customer_page(personas):
    from reintegra_coop.orders.demo import CUSTOMERS

    for name, kind, tax_id, address in CUSTOMERS:
        Customer(name=name, kind=kind, tax_id=tax_id, address=address).full_clean()
