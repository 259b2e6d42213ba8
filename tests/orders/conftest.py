import datetime
from decimal import Decimal

import pytest

from reintegra_coop.orders.models import CustomerKind, ProductionLot
from tests.factories import CatalogueItemFactory, CustomerFactory, OrderFactory, add_line, vat_rate


@pytest.fixture
def potatoes(personas):
    return CatalogueItemFactory(
        name="Potatoes",
        workshop=personas.garden,
        unit="kg",
        price=Decimal("4.20"),
        vat_rate=vat_rate("5"),
        tracks_stock=True,
    )


@pytest.fixture
def bench(personas):
    return CatalogueItemFactory(
        name="Garden bench", workshop=personas.carpentry, price=Decimal("650.00")
    )


@pytest.fixture
def harvests(potatoes, personas):
    """Two lots of potatoes: 30 kg keeping till 20 Dec, 20 kg keeping till 5 Dec."""
    return [
        ProductionLot.objects.create(
            item=potatoes,
            workshop=personas.garden,
            quantity=Decimal(q),
            produced_on=datetime.date(2026, 11, day),
            best_before=datetime.date(2026, 12, keeps),
        )
        for q, day, keeps in (("30", 20, 20), ("20", 5, 5))
    ]


@pytest.fixture
def order(potatoes, bench):
    """A draft order: 40 kg of potatoes and a garden bench."""
    draft = OrderFactory(customer=CustomerFactory(name="Zielony Talerz"))
    add_line(draft, potatoes, "40")
    add_line(draft, bench, "1", discount="5")
    return draft


@pytest.fixture
def kitchen_order(potatoes):
    draft = OrderFactory(
        customer=CustomerFactory(name="Our kitchen", kind=CustomerKind.INTERNAL, tax_id=""),
        kind="eco_production",
    )
    add_line(draft, potatoes, "10")
    return draft
