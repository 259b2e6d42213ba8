from django.urls import path

from . import views

app_name = "work"

urlpatterns = [
    path("crew/", views.crew_sheet_redirect, name="crew_sheet"),
    path("crew/<int:workshop_id>/", views.crew_sheet, name="crew_sheet_for"),
]
