from django.urls import path

from . import views

app_name = "pay"

urlpatterns = [
    path("", views.runs, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/<slug:step>/", views.run_step, name="run_step"),
    path("runs/<int:pk>.csv", views.run_csv, name="run_csv"),
    path("payslips/<int:pk>.pdf", views.payslip_pdf, name="payslip_pdf"),
]
