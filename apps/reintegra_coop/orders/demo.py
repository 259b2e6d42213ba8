"""The demo cooperative's month of orders: customers, a catalogue per workshop, harvests, and
orders in every status (some for the centre's own use), with work logged on their tasks.

Idempotent: customers and items are matched by name; orders are made only once.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from reintegra_coop.core.demo_names import N_, in_site_language
from reintegra_coop.people.models import Workshop

from . import corrections, fulfilment, invoicing, settlement
from .models import (
    CatalogueItem,
    Customer,
    CustomerKind,
    Invoice,
    ItemKind,
    Order,
    OrderKind,
    OrderLine,
    OrderStatus,
    ProductionLot,
    VatRate,
)
from .seller import site_seller_problems

LABOUR_COST_RATES = {
    "Organic garden": "31.50",
    "Carpentry-locksmith": "34.00",
    "Tailoring": "31.50",
    "Printing and computer lab": "31.50",
    "Renovation-cleaning crew": "36.00",
}

CUSTOMERS = [
    (
        "Restauracja Zielony Talerz",
        CustomerKind.BUSINESS,
        "526-104-22-18",
        "ul. Lipowa 4, Warszawa",
    ),
    (
        "Urząd Gminy Zielonka",
        CustomerKind.MUNICIPALITY,
        "125-000-11-07",
        "ul. Kościuszki 1, Zielonka",
    ),
    (
        "Szkoła Podstawowa nr 3",
        CustomerKind.MUNICIPALITY,
        "125-133-44-08",
        "ul. Szkolna 3, Zielonka",
    ),
    ("Maria Wiśniewska", CustomerKind.PERSON, "", "ul. Polna 17, Zielonka"),
    (N_("Our kitchen"), CustomerKind.INTERNAL, "", ""),
    (N_("Our housing"), CustomerKind.INTERNAL, "", ""),
]

# name, kind, workshop, unit, net price, VAT %, kept in stock
ITEMS = [
    (N_("Potatoes"), ItemKind.PRODUCT, "Organic garden", "kg", "4.20", "5", True),
    (N_("Carrots"), ItemKind.PRODUCT, "Organic garden", "kg", "5.50", "5", True),
    (N_("Fresh herbs"), ItemKind.PRODUCT, "Organic garden", "bunch", "4.00", "5", True),
    (
        N_("Raised garden bed"),
        ItemKind.PRODUCT,
        "Carpentry-locksmith",
        "pcs",
        "420.00",
        "23",
        False,
    ),
    (N_("Garden bench"), ItemKind.PRODUCT, "Carpentry-locksmith", "pcs", "650.00", "23", False),
    (N_("Curtain sewing"), ItemKind.SERVICE, "Tailoring", "m", "38.00", "23", False),
    (N_("Clothing repair"), ItemKind.SERVICE, "Tailoring", "h", "45.00", "23", False),
    (N_("Leaflets A5"), ItemKind.PRODUCT, "Printing and computer lab", "pcs", "0.35", "23", False),
    (N_("Wall painting"), ItemKind.SERVICE, "Renovation-cleaning crew", "m2", "18.00", "8", False),
    (N_("Deep cleaning"), ItemKind.SERVICE, "Renovation-cleaning crew", "h", "55.00", "23", False),
]

# customer, kind, final status, days ago ordered, days until due, [(item, quantity, discount %)]
ORDERS = [
    (
        "Restauracja Zielony Talerz",
        OrderKind.ECO_PRODUCTION,
        OrderStatus.PAID,
        27,
        3,
        [("Potatoes", "40", "0"), ("Carrots", "15", "0")],
    ),
    (
        "Urząd Gminy Zielonka",
        OrderKind.WORKSHOP,
        OrderStatus.PAID,
        26,
        14,
        [("Garden bench", "4", "5")],
    ),
    (
        "Szkoła Podstawowa nr 3",
        OrderKind.SERVICE,
        OrderStatus.INVOICED,
        22,
        10,
        [("Wall painting", "120", "0")],
    ),
    (
        "Maria Wiśniewska",
        OrderKind.WORKSHOP,
        OrderStatus.INVOICED,
        18,
        7,
        [("Curtain sewing", "12.5", "0"), ("Clothing repair", "1.5", "0")],
    ),
    (
        "Restauracja Zielony Talerz",
        OrderKind.ECO_PRODUCTION,
        OrderStatus.DELIVERED,
        9,
        2,
        [("Fresh herbs", "30", "10"), ("Carrots", "10", "0")],
    ),
    (
        "Our kitchen",
        OrderKind.ECO_PRODUCTION,
        OrderStatus.DELIVERED,
        7,
        1,
        [("Potatoes", "25", "0"), ("Carrots", "8", "0")],
    ),
    (
        "Urząd Gminy Zielonka",
        OrderKind.WORKSHOP,
        OrderStatus.READY,
        12,
        4,
        [("Raised garden bed", "6", "0")],
    ),
    (
        "Szkoła Podstawowa nr 3",
        OrderKind.WORKSHOP,
        OrderStatus.IN_PRODUCTION,
        10,
        12,
        [("Leaflets A5", "2000", "0")],
    ),
    (
        "Our housing",
        OrderKind.SERVICE,
        OrderStatus.IN_PRODUCTION,
        8,
        10,
        [("Wall painting", "60", "0"), ("Deep cleaning", "12", "0")],
    ),
    (
        "Maria Wiśniewska",
        OrderKind.WORKSHOP,
        OrderStatus.CONFIRMED,
        5,
        16,
        [("Garden bench", "1", "0")],
    ),
    (
        "Restauracja Zielony Talerz",
        OrderKind.SERVICE,
        OrderStatus.CONFIRMED,
        4,
        9,
        [("Deep cleaning", "16", "5")],
    ),
    (
        "Urząd Gminy Zielonka",
        OrderKind.ECO_PRODUCTION,
        OrderStatus.DRAFT,
        1,
        14,
        [("Fresh herbs", "20", "0"), ("Potatoes", "50", "0")],
    ),
    (
        "Szkoła Podstawowa nr 3",
        OrderKind.SERVICE,
        OrderStatus.DRAFT,
        0,
        30,
        [("Deep cleaning", "8", "0")],
    ),
    (
        "Maria Wiśniewska",
        OrderKind.WORKSHOP,
        OrderStatus.CANCELLED,
        20,
        5,
        [("Clothing repair", "2", "0")],
    ),
]

PATH = [
    OrderStatus.CONFIRMED,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.READY,
    OrderStatus.DELIVERED,
    OrderStatus.INVOICED,
    OrderStatus.PAID,
]


@transaction.atomic
def load() -> None:
    manager = User.objects.get(username="manager")
    today = timezone.localdate()
    for name, rate in LABOUR_COST_RATES.items():
        Workshop.objects.filter(name=in_site_language(name), labour_cost_rate=0).update(
            labour_cost_rate=Decimal(rate)
        )
    customers = {
        name: _customer(name, kind, tax_id, address) for name, kind, tax_id, address in CUSTOMERS
    }
    items = {row[0]: _item(*row) for row in ITEMS}
    if Order.objects.exists():
        return
    _harvests(items, today, manager)
    for number, (customer, kind, status, ago, due_in, lines) in enumerate(ORDERS):
        ordered_on = today - datetime.timedelta(days=ago)
        order = Order(
            kind=kind,
            customer=customers[customer],
            ordered_on=ordered_on,
            due_on=ordered_on + datetime.timedelta(days=due_in),
        )
        order.stamp(manager)
        order.save()
        for position, (item_name, quantity, discount) in enumerate(lines):
            item = items[item_name]
            OrderLine.objects.create(
                order=order,
                position=position,
                item=item,
                description=item.name,
                quantity=Decimal(quantity),
                unit=item.unit,
                unit_price=item.price,
                vat_percent=item.vat_rate.percent,
                discount_percent=Decimal(discount),
            )
        _advance(order, status, manager, ordered_on, number)
    _after_the_orders(manager, today)


def _after_the_orders(manager: User, today: datetime.date) -> None:
    """What a month brings besides: a part payment, a correction after payment (an
    overpayment to refund) and an order going out in two delivery notes."""
    invoiced = Invoice.objects.filter(order__status=OrderStatus.INVOICED).order_by("pk").first()
    if invoiced is not None:
        half = (invoiced.gross / 2).quantize(Decimal("0.01"))
        settlement.record_payment(invoiced, half, today, manager, reference="WB 2026/311")
    benches = OrderLine.objects.filter(
        order__status=OrderStatus.PAID,
        item__name=in_site_language("Garden bench"),
        quantity__gt=1,
    ).first()
    if benches is not None:
        corrections.issue_correction(
            benches.order.invoice,
            {benches.pk: corrections.Change(benches.quantity - 1, benches.unit_price)},
            in_site_language(N_("One bench returned, damaged in transport.")),
            manager,
            today,
        )
    beds = OrderLine.objects.filter(
        order__status=OrderStatus.READY, item__name=in_site_language("Raised garden bed")
    ).first()
    if beds is not None:
        fulfilment.deliver(beds.order, manager, today, {beds.pk: beds.quantity - 2})


def _customer(name: str, kind: str, tax_id: str, address: str) -> Customer:
    return Customer.objects.get_or_create(
        name=in_site_language(name), defaults={"kind": kind, "tax_id": tax_id, "address": address}
    )[0]


def _item(
    name: str, kind: str, workshop: str, unit: str, price: str, vat: str, tracks_stock: bool
) -> CatalogueItem:
    return CatalogueItem.objects.get_or_create(
        name=in_site_language(name),
        defaults={
            "kind": kind,
            "workshop": Workshop.objects.get(name=in_site_language(workshop)),
            "unit": unit,
            "price": Decimal(price),
            "vat_rate": VatRate.objects.get(percent=Decimal(vat)),
            "tracks_stock": tracks_stock,
        },
    )[0]


def _harvests(items: dict[str, CatalogueItem], today: datetime.date, manager: User) -> None:
    for name, quantity, ago, keeps in (
        ("Potatoes", "80", 30, 60),
        ("Potatoes", "60", 10, 60),
        ("Carrots", "45", 25, 21),
        ("Carrots", "20", 6, 21),
        ("Fresh herbs", "50", 8, 5),  # past its best-before date: to record as spoiled
        ("Fresh herbs", "60", 2, 5),  # delivered from (a delivery never takes an expired lot)
    ):
        produced_on = today - datetime.timedelta(days=ago)
        lot = ProductionLot(
            item=items[name],
            workshop=items[name].workshop,
            quantity=Decimal(quantity),
            produced_on=produced_on,
            best_before=produced_on + datetime.timedelta(days=keeps),
        )
        lot.stamp(manager)
        lot.save()


def _advance(
    order: Order, final: str, manager: User, ordered_on: datetime.date, number: int
) -> None:
    if final == OrderStatus.DRAFT:
        return
    if final == OrderStatus.CANCELLED:
        order.set_status(OrderStatus.CONFIRMED, manager)
        order.set_status(OrderStatus.CANCELLED, manager, note="The customer changed their mind.")
        return
    day = ordered_on
    if final in (OrderStatus.INVOICED, OrderStatus.PAID) and site_seller_problems():
        final = OrderStatus.DELIVERED  # no invoice without a complete seller (load-demo says)
    for status in PATH[: PATH.index(OrderStatus(final)) + 1]:
        day = min(day + datetime.timedelta(days=2), timezone.localdate())
        if status == OrderStatus.DELIVERED:
            fulfilment.deliver(order, manager, day)
        elif status == OrderStatus.INVOICED:
            invoicing.issue_invoice(order, manager, day)
        elif status == OrderStatus.PAID:
            settlement.pay_in_full(order, manager, day)
        else:
            order.set_status(status, manager)
    # The hours on the orders' tasks come from the month of work (work/demo.py), which logs
    # part of each day's work on the workshop's tasks.
