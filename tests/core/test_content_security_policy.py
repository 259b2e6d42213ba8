"""Every page carries a strict Content-Security-Policy (django-csp): scripts, styles and images
from our own origin only, no plugins, no framing. So no template may hold what that policy
blocks: an inline script, an inline event handler or a style attribute. The back office is
the one relaxation (config/settings/base.py says why)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import StaffMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

PACKAGE = Path(__file__).resolve().parents[2] / "apps" / "reintegra_coop"
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
STAFF = ["manager", "garden_instructor", "carpentry_instructor", "care_worker", "accountant"]


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_strict(response) -> None:
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY


def test_the_login_page_carries_the_strict_policy(client):
    assert_strict(client.get(reverse("core:login")))


@pytest.mark.parametrize("persona", STAFF)
def test_every_staff_roles_home_carries_the_strict_policy(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert_strict(client.get(reverse("core:home"), follow=True))


def test_a_care_leads_caseload_carries_the_strict_policy(client):
    lead = StaffMemberFactory(user__username="care.lead", role="care_worker", care_lead=True)
    client.force_login(lead.user)
    assert_strict(client.get(reverse("care:caseload")))


@pytest.mark.parametrize("path", ["/portal/", "/portal/week/", "/portal/progress/"])
def test_the_trainees_portal_carries_the_strict_policy(client, personas, path):
    client.force_login(personas.trainee_anna.user)
    assert_strict(client.get(path))


def test_the_login_card_carries_the_strict_policy(client, personas):
    client.force_login(personas.manager)
    response = client.post(reverse("portal:print_code", args=[personas.trainee_anna.pk]))
    assert_strict(response)
    assert "<svg" in response.content.decode()


def test_the_back_office_lets_through_only_one_known_style_attribute(client, personas):
    """django-simple-history's history page sets `border-top: 0` (see the settings)."""
    personas.manager.is_staff = personas.manager.is_superuser = True
    personas.manager.save()
    client.force_login(personas.manager)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == {
        **POLICY,
        "style-src": "'self' 'unsafe-hashes' 'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
    }


# What the strict policy blocks in a page, found in the template source with the Jinja2 tags
# taken out (so `{% set one=… %}` is not read as an `on…=` handler).
JINJA = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)
BLOCKED = {
    "an inline event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "a script without src": re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "a style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE),
    "a javascript: link": re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE),
    "a style element": re.compile(r"<style\b", re.IGNORECASE),
}


def is_only_printed_to_pdf(path: Path) -> bool:
    """WeasyPrint renders these to PDF; no browser applies a policy to them, so their one
    <style> element (core/_pdf_style.html) may stay."""
    return path.stem.endswith("_pdf") or path.name == "_pdf_style.html"


def blocked_in(path: Path, root: Path = PACKAGE) -> list[str]:
    source = JINJA.sub("", path.read_text())
    return [
        f"{path.relative_to(root)}: {what}"
        for what, pattern in BLOCKED.items()
        if pattern.search(source)
        and not (what == "a style element" and is_only_printed_to_pdf(path))
    ]


def test_the_scan_finds_what_the_policy_blocks(tmp_path):
    samples = {
        "handler.html": '<button onclick="window.print()">',
        "jinja_handler.html": '<select name="x" onchange="{{ js }}">',
        "script.html": "<script>alert(1)</script>",
        "style.html": '<span style="width: {{ n }}%">',
        "javascript.html": '<a href="javascript:void(0)">',
        "style_element.html": "<style>p { color: red }</style>",
    }
    for name, text in samples.items():
        (tmp_path / name).write_text(text)
    assert all(blocked_in(tmp_path / name, tmp_path) for name in samples)
    (tmp_path / "fine.html").write_text(
        '{% set one=1 %}<script src="/static/a.js" defer></script><p class="on">Go on</p>'
    )
    assert blocked_in(tmp_path / "fine.html", tmp_path) == []


def test_no_template_holds_what_the_policy_blocks():
    templates = sorted(PACKAGE.glob("*/templates/**/*.html"))
    assert len(templates) > 50
    assert [problem for path in templates for problem in blocked_in(path)] == []
