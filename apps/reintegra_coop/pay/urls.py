from django.urls import path

from . import archive_views, views

app_name = "pay"

urlpatterns = [
    path("", views.periods, name="periods"),
    path("<int:year>-<int:month>/", views.period_detail, name="period"),
    path(
        "<int:year>-<int:month>/add/bonus/",
        views.add_extra,
        {"kind": "bonus"},
        name="add_bonus",
    ),
    path(
        "<int:year>-<int:month>/add/advance/",
        views.add_extra,
        {"kind": "advance"},
        name="add_advance",
    ),
    path(
        "<int:year>-<int:month>/payslips/prepare/",
        archive_views.prepare,
        name="prepare_payslips",
    ),
    path(
        "<int:year>-<int:month>/payslips/progress/",
        archive_views.progress,
        name="payslips_progress",
    ),
    path("<int:year>-<int:month>/payslips.zip", archive_views.download, name="payslips_zip"),
    path("<int:year>-<int:month>/<slug:step>/", views.period_step, name="period_step"),
    path("<int:year>-<int:month>.csv", views.period_csv, name="period_csv"),
    path("<int:year>-<int:month>.xlsx", views.period_xlsx, name="period_xlsx"),
    path("<int:year>-<int:month>-accounting.csv", views.accounting_csv, name="accounting_csv"),
    path("<int:year>-<int:month>-accounting.xlsx", views.accounting_xlsx, name="accounting_xlsx"),
    path("payslips/<int:pk>.pdf", views.payslip_pdf, name="payslip_pdf"),
]
