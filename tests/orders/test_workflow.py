"""An order from quote to payment, the steps it refuses, and what each step records."""

import datetime
from decimal import Decimal

import pytest

from reintegra_coop.orders import fulfilment, invoicing, settlement
from reintegra_coop.orders.costing import order_margin
from reintegra_coop.orders.exceptions import (
    InsufficientStockError,
    InvalidTransitionError,
    OrderLockedError,
)
from reintegra_coop.orders.models import (
    CatalogueItem,
    Order,
    OrderLine,
    OrderStatus,
    ProductionLot,
    StockMovement,
    TaskStatus,
)
from reintegra_coop.work.models import WorkLog
from tests.factories import WORK_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
S = OrderStatus


def take_to(order, status, by):
    for step in (S.CONFIRMED, S.IN_PRODUCTION, S.READY):
        if order.status == status:
            return
        order.set_status(step, by)
    if status == S.READY:
        return
    fulfilment.deliver(order, by, WORK_DAY)
    if status == S.DELIVERED:
        return
    invoicing.issue_invoice(order, by, WORK_DAY)
    if status == S.INVOICED:
        return
    settlement.pay_in_full(order, by, WORK_DAY)


def test_an_order_goes_from_quote_to_paid_and_the_history_says_who_and_when(
    order, harvests, personas
):
    take_to(order, S.PAID, personas.manager)
    order.refresh_from_db()
    assert order.status == S.PAID
    steps = [(c.from_status, c.to_status, c.created_by) for c in order.status_changes.all()]
    assert steps == [
        (S.DRAFT, S.CONFIRMED, personas.manager),
        (S.CONFIRMED, S.IN_PRODUCTION, personas.manager),
        (S.IN_PRODUCTION, S.READY, personas.manager),
        (S.READY, S.DELIVERED, personas.manager),
        (S.DELIVERED, S.INVOICED, personas.manager),
        (S.INVOICED, S.PAID, personas.manager),
    ]
    assert all(change.created_at is not None for change in order.status_changes.all())
    invoice = order.invoice
    assert invoice.number == "FV-2026-00001"
    # 40 kg × 4.20 at 5 % VAT + a bench at 650 less 5 % at 23 % VAT
    assert (invoice.net, invoice.vat, invoice.gross) == (
        Decimal("785.50"),
        Decimal("150.43"),
        Decimal("935.93"),
    )
    assert invoice.paid_on == WORK_DAY


@pytest.mark.parametrize(
    ("start", "new"),
    [
        (S.DRAFT, S.READY),
        (S.DRAFT, S.PAID),
        (S.CONFIRMED, S.DELIVERED),
        (S.READY, S.INVOICED),
        (S.PAID, S.CANCELLED),
        (S.CANCELLED, S.CONFIRMED),
        (S.IN_PRODUCTION, S.DRAFT),
    ],
)
def test_an_illegal_status_change_is_refused_and_nothing_is_recorded(
    order, harvests, personas, start, new
):
    if start == S.CANCELLED:
        order.set_status(S.CANCELLED, personas.manager)
    else:
        take_to(order, start, personas.manager)
    changes = order.status_changes.count()
    with pytest.raises(InvalidTransitionError):
        order.set_status(new, personas.manager)
    order.refresh_from_db()
    assert order.status == start
    assert order.status_changes.count() == changes


def test_an_order_without_lines_cannot_be_confirmed(personas):
    from tests.factories import OrderFactory

    empty = OrderFactory()
    with pytest.raises(InvalidTransitionError, match="at least one line"):
        empty.set_status(S.CONFIRMED, personas.manager)


def test_confirming_makes_a_production_task_per_line_in_the_items_workshop(order, personas):
    order.set_status(S.CONFIRMED, personas.manager)
    tasks = {(task.workshop.name, task.description) for task in order.tasks.all()}
    assert tasks == {
        ("Organic garden", "40 kg Potatoes"),
        ("Carpentry-locksmith", "1 pcs Garden bench"),
    }
    order.set_status(S.IN_PRODUCTION, personas.manager)
    order.set_status(S.READY, personas.manager)
    assert set(order.tasks.values_list("status", flat=True)) == {TaskStatus.DONE}


def test_a_confirmed_orders_lines_are_not_edited_in_place(order, personas):
    order.set_status(S.CONFIRMED, personas.manager)
    line = OrderLine.objects.get(order=order, description="Potatoes")
    line.quantity = Decimal("1")
    with pytest.raises(OrderLockedError, match="Cancel it, or amend it"):
        line.save()
    with pytest.raises(OrderLockedError):
        line.delete()
    line.refresh_from_db()
    assert line.quantity == Decimal("40")


def test_a_line_cannot_move_out_of_a_confirmed_order(order, personas):
    from tests.factories import OrderFactory

    order.set_status(S.CONFIRMED, personas.manager)
    draft = OrderFactory()
    line = order.lines.first()
    line.order = draft
    with pytest.raises(OrderLockedError, match="cannot move to another order"):
        line.save()
    assert order.lines.count() == 2 and draft.lines.count() == 0


def test_amending_cancels_the_order_and_opens_a_draft_revision_with_its_lines(order, personas):
    order.set_status(S.CONFIRMED, personas.manager)
    revision = order.amend(personas.manager)
    order.refresh_from_db()
    assert order.status == S.CANCELLED
    assert order.status_changes.last().note == f"Amended as {order.number}-R2"
    assert (revision.number, revision.status, revision.revision_of) == (
        f"{order.number}-R2",
        S.DRAFT,
        order,
    )
    assert revision.totals() == order.totals()
    line = revision.lines.get(description="Potatoes")
    line.quantity = Decimal("45")
    line.save()  # a draft revision is editable
    assert revision.totals().net == Decimal("806.50")


def test_delivering_draws_from_the_earliest_best_before_and_cannot_exceed_stock(
    order, harvests, personas
):
    take_to(order, S.READY, personas.manager)
    delivery = fulfilment.deliver(order, personas.manager, WORK_DAY)
    taken = [
        (m.lot.best_before.day, m.quantity) for m in delivery.movements.order_by("lot__best_before")
    ]
    assert taken == [(5, Decimal("20.000")), (20, Decimal("20.000"))]
    potatoes = CatalogueItem.objects.with_stock().get(name="Potatoes")
    assert potatoes.on_hand == Decimal("10.000")


def test_a_delivery_beyond_stock_is_refused_and_nothing_is_half_saved(order, potatoes, personas):
    ProductionLot.objects.create(
        item=potatoes, workshop=potatoes.workshop, quantity=Decimal("25"), produced_on=WORK_DAY
    )
    take_to(order, S.READY, personas.manager)
    with pytest.raises(InsufficientStockError, match="Only 25 of Potatoes is in stock; 40 was"):
        fulfilment.deliver(order, personas.manager, WORK_DAY)
    order.refresh_from_db()
    assert order.status == S.READY
    assert not order.deliveries.exists()
    assert not StockMovement.objects.exists()


def test_an_internal_order_is_valued_at_list_price_and_not_invoiced(
    kitchen_order, harvests, personas
):
    line = kitchen_order.lines.get()
    assert (line.unit_price, line.gross, line.list_value) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("42.00"),
    )
    take_to(kitchen_order, S.DELIVERED, personas.manager)
    movement = StockMovement.objects.get()
    assert (movement.kind, movement.quantity) == ("used_internally", Decimal("10.000"))
    with pytest.raises(InvalidTransitionError, match="internal order is not invoiced"):
        invoicing.issue_invoice(kitchen_order, personas.manager, WORK_DAY)
    assert order_margin(kitchen_order).revenue == Decimal("42.00")


def test_the_margin_is_revenue_less_the_approved_labour_logged_on_the_orders_tasks(order, personas):
    personas.garden.labour_cost_rate = Decimal("31.50")
    personas.garden.save()
    order.set_status(S.CONFIRMED, personas.manager)
    task = order.tasks.get(workshop=personas.garden)
    for start, end, fields in (
        (datetime.time(8), datetime.time(12), {}),
        (datetime.time(13), datetime.time(14, 35), {"work_type": "training"}),
        # Not labour cost: a draft, an absence, in-kind rent work.
        (datetime.time(15), datetime.time(16), {"status": "draft"}),
        (datetime.time(16), datetime.time(17), {"attendance": "sick"}),
        (datetime.time(17), datetime.time(18), {"work_type": "in_kind_rent"}),
    ):
        WorkLog.objects.create(
            trainee=personas.trainee_anna,
            date=WORK_DAY,
            start=start,
            end=end,
            workshop=personas.garden,
            task=task,
            **{"status": "approved", **fields},
        )
    margin = order_margin(order)
    assert margin.labour_minutes == 335
    assert margin.labour_cost == Decimal("175.88")  # 335 min × 31.50 / 60 = 175.875
    assert margin.margin == Decimal("785.50") - Decimal("175.88")


def test_order_numbers_run_on_without_gaps_per_year(personas):
    from tests.factories import OrderFactory

    numbers = [OrderFactory().number for _ in range(3)]
    assert numbers == ["ORD-2026-00001", "ORD-2026-00002", "ORD-2026-00003"]
    assert OrderFactory(ordered_on=datetime.date(2027, 1, 2)).number == "ORD-2027-00001"
    assert Order.objects.count() == 4
