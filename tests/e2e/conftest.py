"""Browser tests: Playwright driving Debian's headless Chromium, with axe-core on every page.

Skipped with a clear message when /usr/bin/chromium is missing (`apt-get install chromium`;
.ci/run installs it). Playwright's own browser download does not work offline, so it is never used.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("BIMTEK_CHROMIUM", "/usr/bin/chromium")
DOCS = Path(__file__).resolve().parents[2] / "docs"
# Flags that keep Chromium from reaching for the network at start-up (this machine has none).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop in the test thread; Django's ORM (used by fixtures and the
# live server's shared database connection) would otherwise refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: browser tests skipped (apt-get install chromium)")
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, accept_downloads=True,
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def log_in(page, email, password):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def assert_accessible(page):
    """No serious or critical axe-core violation on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    details = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(
        n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in bad]
    assert details == [], f"{page.url}: " + " | ".join(details)


def screenshot_for_readme(page, name):
    """With BIMTEK_SCREENSHOTS=1 (make screenshots) the tests refresh the README's pictures."""
    if os.environ.get("BIMTEK_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / f"{name}.png"))


@pytest.fixture
def demo(transactional_db):
    """The demo program, as `make run` shows it; returns the password of its logins."""
    from django.core.management import call_command

    from bimtek.management.commands.seed_demo import DEMO_PASSWORD

    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return DEMO_PASSWORD
