from django.urls import path

from . import trainee_views, views

app_name = "people"

urlpatterns = [
    path("manager/", views.manager_home, name="manager_home"),
    path("instructor/", views.instructor_home, name="instructor_home"),
    path("care/", views.care_home, name="care_home"),
    path("accountant/", views.accountant_home, name="accountant_home"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:user_id>/two-factor/reset/", views.reset_two_factor, name="reset_two_factor"),
    path("trainees/<int:pk>/", views.trainee_detail, name="trainee_detail"),
    path("trainees/<int:pk>/unlock/", views.unlock_login, name="unlock_login"),
    path("trainees/new/", trainee_views.trainee_new, name="trainee_new"),
    path("trainees/<int:pk>/edit/", trainee_views.trainee_edit, name="trainee_edit"),
    path("trainees/<int:pk>/undo-stage/", trainee_views.undo_stage_change, name="undo_stage"),
    path("trainees/<int:pk>/withdraw/", trainee_views.withdraw, name="withdraw"),
]
