"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright's own browser download cannot reach its servers here, so the system Chromium is
launched; if it is missing the tests fail and say what to install (they are never skipped).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator

import pytest

# Playwright's sync API runs an event loop in the test's thread; the ORM calls our tests make
# there are still synchronous, which Django must be told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Generator[object, None, None]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail("Browser tests need Debian's Chromium: sudo apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
