from django.urls import path

from . import exit_views, job_views, placement_views, report_views, views

app_name = "pathways"

urlpatterns = [
    path("partners/", views.organisations, name="organisations"),
    path("partners/new/", views.organisation_form, name="new_organisation"),
    path("partners/<int:pk>/", views.organisation, name="organisation"),
    path("partners/<int:pk>/edit/", views.organisation_form, name="edit_organisation"),
    path("partners/<int:pk>/contacts/", views.add_contact, name="add_contact"),
    path("partners/<int:pk>/agreements/", views.add_agreement, name="add_agreement"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/new/", views.new_referral, name="new_referral"),
    path("referrals/<int:pk>/answer/", views.answer_referral, name="answer_referral"),
    path("openings/", job_views.openings, name="openings"),
    path("openings/new/", job_views.opening_form, name="new_opening"),
    path("openings/<int:pk>/", job_views.match, name="match"),
    path("openings/<int:pk>/edit/", job_views.opening_form, name="edit_opening"),
    path("trainees/<int:pk>/openings/", job_views.trainee_openings, name="trainee_openings"),
    path("placements/", placement_views.placement_list, name="placements"),
    path("placements/new/", placement_views.new_placement, name="new_placement"),
    path("placements/<int:pk>/", placement_views.placement, name="placement"),
    path("placements/<int:pk>/days/", placement_views.record_day, name="record_day"),
    path("placements/<int:pk>/sheet/", placement_views.import_sheet, name="import_sheet"),
    path("placements/<int:pk>/feedback/", placement_views.add_feedback, name="add_feedback"),
    path("placements/<int:pk>/end/", placement_views.end_placement, name="end_placement"),
    path("trainees/<int:pk>/exit/", exit_views.exit_trainee, name="exit_trainee"),
    path("exits/<int:pk>/", exit_views.exit_detail, name="exit"),
    path("follow-ups/", exit_views.follow_ups, name="follow_ups"),
    path("follow-ups/<int:pk>/", exit_views.record_follow_up, name="record_follow_up"),
    path("dashboard/", report_views.manager_dashboard, name="dashboard"),
    path("projects/", report_views.projects, name="projects"),
    path("projects/new/", report_views.project_form, name="new_project"),
    path("projects/<int:pk>/edit/", report_views.project_form, name="edit_project"),
    path("projects/<int:pk>/report/", report_views.report, name="report"),
    path("projects/<int:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
    path("projects/<int:pk>/report.xlsx", report_views.report_xlsx, name="report_xlsx"),
    path(
        "trainees/<int:pk>/profile/",
        report_views.participant_profile,
        name="participant_profile",
    ),
]
