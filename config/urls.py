from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from reintegra_coop.core.api import StaffOnly
from reintegra_coop.orders.api import router as api
from reintegra_coop.work.api import ShiftAssignmentViewSet, ShiftViewSet, WorkLogViewSet

api.register("shifts", ShiftViewSet)
api.register("assignments", ShiftAssignmentViewSet)
api.register("work-logs", WorkLogViewSet)

urlpatterns = [
    path("", include("reintegra_coop.core.urls")),
    path("people/", include("reintegra_coop.people.urls")),
    path("portal/", include("reintegra_coop.portal.urls")),
    path("orders/", include("reintegra_coop.orders.urls")),
    path("work/", include("reintegra_coop.work.urls")),
    path("pay/", include("reintegra_coop.pay.urls")),
    path("housing/", include("reintegra_coop.housing.urls")),
    path("care/", include("reintegra_coop.care.urls")),
    path("privacy/", include("reintegra_coop.privacy.urls")),
    path("pathways/", include("reintegra_coop.pathways.urls")),
    path("api/", include(api.urls)),
    path(
        "api/schema/",
        SpectacularAPIView.as_view(permission_classes=[StaffOnly]),
        name="api_schema",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
