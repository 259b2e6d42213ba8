from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("week/", views.my_week, name="week"),
    path("hours/", views.my_hours, name="hours"),
    path("hours/<int:pk>/dispute/", views.dispute, name="dispute"),
    path("pay/", views.my_pay, name="pay"),
    path("rent/", views.my_rent, name="rent"),
    path("progress/", views.my_progress, name="progress"),
    path("code/<str:code>/", views.code_login, name="code_login"),
    path("codes/<int:pk>/", views.print_code, name="print_code"),
]
