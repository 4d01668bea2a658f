"""Shared set-up for the tests in real headless Chromium (Debian's /usr/bin/chromium, or
CHROMIUM_PATH) against a live server. In CI (CI=true) a missing browser fails these tests
rather than skipping them.

Screenshots go to ``test-artifacts/screenshots/`` at the repository root (ignored by git)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 360, "height": 740}
SCHEMES = ("light", "dark")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium, or CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, viewport=DESKTOP, **options):
    """A new context and page; ``errors`` collects console errors and uncaught exceptions."""
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def open_phone(browser, **options):
    """A touch screen phone: coarse pointer, no hover."""
    return open_page(browser, PHONE, is_mobile=True, has_touch=True, **options)


@pytest.fixture
def page(browser):
    context, page, errors = open_page(browser)
    yield page
    context.close()
    assert errors == [], f"console errors: {errors}"


def screenshot(page, name: str) -> Path:
    """The whole page. Not ``full_page=True``: in Chromium that capture drops the touch
    emulation, so a phone screenshot would show what only a mouse user sees. The viewport is
    made as tall as the page instead, and put back after."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.screenshot(path=str(path))
    page.set_viewport_size(viewport)
    return path


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one readable line each. axe
    comes inside the axe-playwright-python wheel: nothing is fetched."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
