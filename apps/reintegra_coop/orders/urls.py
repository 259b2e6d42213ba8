from django.urls import path

from . import (
    correction_views,
    customer_views,
    delivery_views,
    ksef_views,
    recall_views,
    settlement_views,
    views,
)

app_name = "orders"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("board/", views.order_board, name="board"),
    path("new/", views.order_form, name="create"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_form, name="edit"),
    path("<int:pk>/step/<slug:step>/", views.order_step, name="step"),
    path("<int:pk>/deliver/", delivery_views.delivery_create, name="delivery_create"),
    path("invoices/<int:pk>.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/payments/", settlement_views.record_payment, name="record_payment"),
    path(
        "invoices/<int:pk>/correct/", correction_views.correction_create, name="correction_create"
    ),
    path("corrections/<int:pk>.pdf", correction_views.correction_pdf, name="correction_pdf"),
    path(
        "corrections/<int:pk>-FA3.xml",
        correction_views.correction_ksef_xml,
        name="correction_ksef_xml",
    ),
    path("receivables/", settlement_views.receivables_page, name="receivables"),
    path("receivables.csv", settlement_views.receivables_csv, name="receivables_csv"),
    path("receivables.xlsx", settlement_views.receivables_xlsx, name="receivables_xlsx"),
    path("deliveries/<int:pk>.pdf", views.delivery_note_pdf, name="delivery_note_pdf"),
    path("invoices.csv", views.invoices_csv, name="invoices_csv"),
    path("invoices.xlsx", views.invoices_xlsx, name="invoices_xlsx"),
    path("invoices/<int:pk>-FA3.xml", ksef_views.invoice_ksef_xml, name="invoice_ksef_xml"),
    path("invoices/<int:pk>/ksef/", ksef_views.record_ksef_number, name="record_ksef_number"),
    path("tasks/", views.task_list, name="tasks"),
    path("stock/", views.stock, name="stock"),
    path("lots/<int:pk>/recall/", recall_views.lot_recall, name="lot_recall"),
    path("customers/", customer_views.customer_list, name="customers"),
    path("customers/new/", customer_views.customer_form, name="customer_create"),
    path("customers/<int:pk>/edit/", customer_views.customer_form, name="customer_edit"),
]
