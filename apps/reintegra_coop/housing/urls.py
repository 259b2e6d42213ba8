from django.urls import path

from . import views

app_name = "housing"

urlpatterns = [path("rent/", views.rent_statements, name="rent")]
