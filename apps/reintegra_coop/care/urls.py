from django.urls import path

from . import views

app_name = "care"

urlpatterns = [
    path("community-service/", views.service_orders, name="service_orders"),
    path("community-service/<int:pk>.pdf", views.service_statement, name="service_statement"),
    path("caseload/", views.caseload, name="caseload"),
    path("trainees/<int:pk>/", views.trainee_record, name="trainee_record"),
    path("contracts/<int:pk>.pdf", views.social_contract_pdf, name="social_contract_pdf"),
    path("milestones/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
]
