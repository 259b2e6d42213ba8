from django.urls import path

from . import views

app_name = "care"

urlpatterns = [
    path("community-service/", views.service_orders, name="service_orders"),
    path("community-service/<int:pk>.pdf", views.service_statement, name="service_statement"),
]
