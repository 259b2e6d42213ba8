from django.urls import path

from . import views

app_name = "housing"

urlpatterns = [
    path("rent/", views.rent_statements, name="rent"),
    path("rent/payments/", views.record_payment, name="record_payment"),
]
