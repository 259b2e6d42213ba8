from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("trainees/<int:pk>/", views.trainee_page, name="trainee"),
    path("trainees/<int:pk>/consents/", views.record_consent, name="record_consent"),
    path("consents/<int:pk>/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("trainees/<int:pk>/export/", views.export, name="export"),
    path("trainees/<int:pk>/legal-holds/", views.place_legal_hold, name="place_legal_hold"),
    path("legal-holds/<int:pk>/lift/", views.lift_legal_hold, name="lift_legal_hold"),
    path("disclosures/", views.disclosure_log, name="disclosures"),
]
