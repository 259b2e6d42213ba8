from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("manager/", views.manager_home, name="manager_home"),
    path("instructor/", views.instructor_home, name="instructor_home"),
    path("care/", views.care_home, name="care_home"),
    path("accountant/", views.accountant_home, name="accountant_home"),
    path("staff/", views.staff_list, name="staff_list"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/unlock/", views.unlock_login, name="unlock_login"),
]
