from django.urls import path

from . import record_views, service_views, views

app_name = "care"

urlpatterns = [
    path("community-service/", views.service_orders, name="service_orders"),
    path("community-service/<int:pk>.pdf", views.service_statement, name="service_statement"),
    path("community-service/new/", service_views.service_order_form, name="new_service_order"),
    path(
        "community-service/<int:pk>/edit/",
        service_views.service_order_form,
        name="edit_service_order",
    ),
    path("caseload/", views.caseload, name="caseload"),
    path("trainees/<int:pk>/", views.trainee_record, name="trainee_record"),
    path("trainees/<int:pk>/therapy-plan/", record_views.therapy_plan, name="therapy_plan"),
    path("trainees/<int:pk>/constraint/", record_views.work_constraint, name="work_constraint"),
    path(
        "trainees/<int:pk>/constraint/saved/",
        record_views.constraint_saved,
        name="constraint_saved",
    ),
    path("trainees/<int:pk>/diagnosis/<str:role>/", record_views.diagnosis, name="diagnosis"),
    path("trainees/<int:pk>/plan/", record_views.individual_plan, name="individual_plan"),
    path("trainees/<int:pk>/plan/reviews/new/", record_views.plan_review, name="new_review"),
    path(
        "trainees/<int:pk>/plan/reviews/<int:review>/",
        record_views.plan_review,
        name="plan_review",
    ),
    path("trainees/<int:pk>/plan/contract/", record_views.social_contract, name="social_contract"),
    path("trainees/<int:pk>/milestones/new/", record_views.milestone, name="new_milestone"),
    path(
        "trainees/<int:pk>/milestones/<int:milestone>/",
        record_views.milestone,
        name="milestone",
    ),
    path("trainees/<int:pk>/pauses/", record_views.pauses, name="pauses"),
    path("trainees/<int:pk>/pauses/<int:pause>/", record_views.pause, name="pause"),
    path("contracts/<int:pk>.pdf", views.social_contract_pdf, name="social_contract_pdf"),
    path("milestones/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
]
