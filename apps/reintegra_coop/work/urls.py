from django.urls import path

from . import export_views, views

app_name = "work"

urlpatterns = [
    path("crew/", views.crew_sheet_redirect, name="crew_sheet"),
    path("crew/<int:workshop_id>/", views.crew_sheet, name="crew_sheet_for"),
    path("roster/", views.roster_week, name="roster"),
    path("roster/<int:workshop_id>/", views.roster_week, name="roster_for"),
    path("week/", views.work_week, name="week"),
    path("week/<int:workshop_id>/", views.work_week, name="week_for"),
    path("logs/<int:pk>/", views.log_edit, name="log_edit"),
    path("logs/<int:pk>/resolve/", views.resolve_dispute, name="resolve_dispute"),
    path("approvals/", views.approvals, name="approvals"),
    path("hours.csv", export_views.hours_csv, name="hours_csv"),
    path("hours.xlsx", export_views.hours_xlsx, name="hours_xlsx"),
]
