"""The Content-Security-Policy header (django-csp), with the back office's one relaxation.

The policy itself is CONTENT_SECURITY_POLICY in config/settings/base.py. Django's admin is
mounted whole (admin.site.urls), so its views cannot take django-csp's decorators; this
middleware adds BACK_OFFICE_CONTENT_SECURITY_POLICY_UPDATE to the responses under /admin/."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        in_back_office = request.path_info.startswith(reverse("admin:index"))
        if in_back_office and not report_only and parts.update is None:
            parts.update = settings.BACK_OFFICE_CONTENT_SECURITY_POLICY_UPDATE
        return parts
