"""The API's OpenAPI schema (drf-spectacular) as the API really answers, so a client generated
from it, or Schemathesis fuzzing it (tests/core/test_api_fuzz.py), meets no surprise:

- times are written as DRF writes them, ``08:00:00``: an RFC 3339 *partial-time*, without the
  offset that the JSON Schema format ``time`` demands;
- the errors are documented: 400 (the fields and what is wrong with each), 403 (not logged in,
  no permission, no CSRF token), 404 (no such row, or a page past the last: "Invalid page.").

- logging in is declared as it works: the session cookie (``cookieAuth``), and for a change
  the CSRF token in its header too (``csrfToken``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

# HH:MM:SS with optional fractions; an input may leave out the seconds (as DRF accepts).
PARTIAL_TIME = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"
CHANGES = ("POST", "PUT", "PATCH", "DELETE")

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "What is wrong, by field (non_field_errors, rules or detail for the whole).",
    "additionalProperties": {
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
        ]
    },
}


class ApiSchema(AutoSchema):
    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        if schema.get("format") == "time":
            schema = {**schema, "format": "partial-time", "pattern": PARTIAL_TIME}
        return schema

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        errors = {"403": ("Not logged in, not allowed, or no CSRF token.", "Error", ERROR)}
        if self.method in CHANGES or self._is_list_view():
            errors["400"] = ("Wrong fields (or filters).", "FieldErrors", FIELD_ERRORS)
        if "{" in self.path or self._is_list_view():
            errors["404"] = ("No such row, or a page past the last.", "Error", ERROR)
        for status, (description, name, schema) in errors.items():
            responses.setdefault(
                status,
                {
                    "description": description,
                    "content": {"application/json": {"schema": self._component(name, schema)}},
                },
            )
        return dict(sorted(responses.items()))

    def _component(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref


class SessionWithCsrfScheme(OpenApiAuthenticationExtension):
    """DRF's SessionAuthentication: the session cookie, and for a change the CSRF token too
    (in the header, matching the CSRF cookie), as Django asks of a browser's session."""

    target_class = "rest_framework.authentication.SessionAuthentication"
    name = ["cookieAuth", "csrfToken"]
    priority = 1  # before drf-spectacular's own, which declares the cookie alone

    def get_security_definition(self, auto_schema: Any) -> list[dict[str, Any]]:
        return [
            {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME},
            {"type": "apiKey", "in": "header", "name": csrf_header()},
        ]

    def get_security_requirement(self, auto_schema: Any) -> dict[str, list[str]]:
        if auto_schema.method in CHANGES:
            return {"cookieAuth": [], "csrfToken": []}
        return {"cookieAuth": []}


def csrf_header() -> str:
    """The header Django reads the CSRF token from (CSRF_HEADER_NAME is its WSGI name)."""
    name: str = settings.CSRF_HEADER_NAME
    name = name.removeprefix("HTTP_").replace("_", "-")
    return "X-CSRFToken" if name == "X-CSRFTOKEN" else name
