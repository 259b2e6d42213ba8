"""The API's schema says what the API really answers (what Schemathesis holds it to in
test_api_fuzz.py, here stated plainly)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client, personas):
    client.force_login(personas.manager)
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_times_are_documented_as_written_without_an_offset(schema):
    start = schema["components"]["schemas"]["Shift"]["properties"]["start"]
    assert start["format"] == "partial-time"
    assert re.fullmatch(start["pattern"], "08:00:00")
    assert re.fullmatch(start["pattern"], "08:00")
    assert not re.fullmatch(start["pattern"], "24:00:00")


def test_a_page_past_the_last_and_a_missing_row_are_documented_404s(schema):
    assert "404" in schema["paths"]["/api/orders/"]["get"]["responses"]
    assert "404" in schema["paths"]["/api/orders/{id}/"]["get"]["responses"]
    assert "404" not in schema["paths"]["/api/orders/"]["post"]["responses"]


def test_refusals_and_wrong_fields_are_documented(schema):
    responses = schema["paths"]["/api/work-logs/"]["post"]["responses"]
    assert set(responses) == {"201", "400", "403"}
    error = responses["403"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_logging_in_by_the_session_cookie_is_declared(schema, settings):
    assert schema["components"]["securitySchemes"]["cookieAuth"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": settings.SESSION_COOKIE_NAME,
    }
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert all(
        [set(need) for need in op["security"]] in ([{"cookieAuth"}], [{"cookieAuth", "csrfToken"}])
        for op in operations
    )


def test_a_trainee_gets_no_schema(client, personas):
    client.force_login(personas.trainee_anna.user)
    assert client.get("/api/schema/").status_code == 403


def test_a_change_declares_the_csrf_token_too(schema):
    assert schema["components"]["securitySchemes"]["csrfToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
    }
    orders = schema["paths"]["/api/orders/"]
    assert orders["post"]["security"] == [{"cookieAuth": [], "csrfToken": []}]
    assert orders["get"]["security"] == [{"cookieAuth": []}]
