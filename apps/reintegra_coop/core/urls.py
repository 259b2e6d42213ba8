from django.contrib.auth import views as auth_views
from django.urls import path

from . import two_factor_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/two-factor/", two_factor_views.enter_code, name="two_factor"),
    path("login/two-factor/setup/", two_factor_views.set_up, name="two_factor_setup"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.open_notification, name="open_notification"),
    path("notifications/read/", views.read_all_notifications, name="read_all_notifications"),
    path("jobs/", views.background_jobs_page, name="background_jobs"),
    path("accounts/<int:user_id>/password/", views.set_password, name="set_password"),
]
