from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .roles import role_of


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "role": role_of(getattr(request, "user", None)),
        "languages": settings.LANGUAGES,
        "currency": getattr(settings, "CURRENCY", "PLN"),
    }
