"""Pages decide who may open them (the view's ``require_role``); templates only ask. Every
link a role sees in the top bar opens for that role, every page of the top bar a role may open
is linked for it, and no template compares roles itself."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

PACKAGE = Path(__file__).resolve().parents[2] / "apps" / "reintegra_coop"
TOP_BAR = [
    "orders:list",
    "work:approvals",
    "pay:periods",
    "housing:rent",
    "care:caseload",
    "care:service_orders",
    "pathways:openings",
    "pathways:placements",
    "pathways:dashboard",
    "work:crew_sheet",
    "work:roster",
    "orders:tasks",
    "orders:stock",
    "privacy:disclosures",
]
STAFF = ["manager", "garden_instructor", "care_worker", "accountant"]


def top_bar_links(page: str) -> set[str]:
    nav = page.split('<nav class="main-nav">', 1)[1].split("</nav>", 1)[0]
    return set(re.findall(r'href="([^"]+)"', nav))


@pytest.mark.parametrize("persona", STAFF)
def test_the_top_bar_links_exactly_the_pages_the_role_may_open(client, personas, persona):
    client.force_login(getattr(personas, persona))
    shown = top_bar_links(client.get(reverse("core:home"), follow=True).content.decode())
    opens = {reverse(name) for name in TOP_BAR if client.get(reverse(name)).status_code == 200}
    assert shown - {reverse("core:home"), reverse("admin:index")} == opens


def test_no_template_compares_roles():
    found = [
        f"{path.relative_to(PACKAGE)}: {match.group(0)}"
        for path in sorted(PACKAGE.rglob("templates/**/*.html"))
        for match in re.finditer(r"{%[^%]*\brole\b[^%]*%}", path.read_text())
    ]
    assert found == []
