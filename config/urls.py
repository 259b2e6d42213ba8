from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("reintegra_coop.core.urls")),
    path("people/", include("reintegra_coop.people.urls")),
    path("portal/", include("reintegra_coop.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
