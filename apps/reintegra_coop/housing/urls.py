from django.urls import path

from . import views

app_name = "housing"

urlpatterns = [
    path("rent/", views.rent_statements, name="rent"),
    path("rent.csv", views.rent_csv, name="rent_csv"),
    path("rent.xlsx", views.rent_xlsx, name="rent_xlsx"),
    path("rent/payments/", views.record_payment, name="record_payment"),
]
