"""Browser tests: Playwright driving Debian's headless Chromium, with axe-core on every page.

Skipped with a clear message when /usr/bin/chromium is missing (`apt-get install chromium`;
.ci/run installs it). Playwright's own browser download does not work offline, so it is never used.
"""

import io
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from bimtek.overview.management.commands.seed_demo import DEMO_PASSWORD

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
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.bimtek_failed = report.failed


def _keep_failure(request, context):
    """With BIMTEK_E2E_ARTIFACTS=<folder>, a failed browser test leaves a screenshot and the HTML of each page."""
    folder = os.environ.get("BIMTEK_E2E_ARTIFACTS")
    if not folder or not getattr(request.node, "bimtek_failed", False):
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(context.pages):
        stem = Path(folder) / f"{request.node.name}-{number}"
        page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(f"<!-- {page.url} -->\n" + page.content())


def _context(browser, live_server, request, **options):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True, **options)
    context.set_default_timeout(30_000)  # generous: CI machines are shared
    return watch_csp(context)


def watch_csp(context):
    """Collect what the Content-Security-Policy blocked (Chromium reports it on the console); check_page
    fails on any of it."""
    context._bimtek_csp = []
    context.on("console", lambda message: context._bimtek_csp.append(message.text)
               if "Content Security Policy" in message.text else None)
    return context


@pytest.fixture
def desktop(browser, live_server, request):
    context = _context(browser, live_server, request, viewport=DESKTOP)
    yield context.new_page()
    _keep_failure(request, context)
    context.close()


@pytest.fixture
def phone(browser, live_server, request):
    context = _context(browser, live_server, request, viewport=PHONE, is_mobile=True, has_touch=True,
                       device_scale_factor=2)
    yield context.new_page()
    _keep_failure(request, context)
    context.close()


def log_in(page, email, password, check=None):
    """Log in through the login page; ``check`` (e.g. check_page) looks at the login page first."""
    page.goto("/accounts/login/")
    if check:
        check(page)
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("#login-submit").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def assert_accessible(page):
    """No serious or critical axe-core violation on the current page."""
    # A click that starts a navigation returns before the new page exists; axe must
    # run on the page that arrives, not on the one being torn down.
    page.wait_for_load_state("load")
    try:
        results = Axe().run(page)
    except PlaywrightError:
        page.wait_for_load_state("load")
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
        page.reload()  # without the one-off "logged in as" message
        page.screenshot(path=str(DOCS / f"{name}.png"))


@pytest.fixture
def demo(transactional_db):
    """The demo program, as `make run` shows it; returns the password of its logins."""
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    return DEMO_PASSWORD


# --- helpers of the journeys: every page checked, phones without sideways scrolling, downloads read back -----

def watch_pages(page):
    """Remember every page the browser loads, so a journey can prove that axe checked each of them."""
    page._bimtek_loaded = []
    page._bimtek_checked = set()
    page.on("load", lambda loaded: loaded._bimtek_loaded.append(_without_fragment(loaded.url)))
    return page


def _without_fragment(url):
    return url.split("#", 1)[0]


def fits_the_screen(page):
    """Nothing is wider than the viewport (no sideways scrolling on a phone)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def check_page(page):
    """axe finds no serious or critical violation and the page fits the screen's width."""
    assert_accessible(page)
    assert fits_the_screen(page), f"{page.url} is wider than {page.viewport_size['width']}px"
    assert getattr(page.context, "_bimtek_csp", []) == [], f"{page.url}: the Content-Security-Policy blocked something"
    if hasattr(page, "_bimtek_checked"):
        page._bimtek_checked.add(_without_fragment(page.url))


def assert_every_page_checked(page):
    unchecked = [url for url in page._bimtek_loaded if url not in page._bimtek_checked]
    assert unchecked == [], f"pages the journey loaded without an axe check: {unchecked}"
    return len(set(page._bimtek_loaded))


def download(page, trigger):
    """Click ``trigger`` (a locator) and return the file the browser saved: (suggested name, bytes)."""
    with page.expect_download() as info:
        trigger.click()
    saved = info.value
    return saved.suggested_filename, Path(saved.path()).read_bytes()


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@contextmanager
def another_person(browser, live_server, email, password, viewport=DESKTOP):
    """Someone else at their own computer, in the same journey: logged in, every page checked, then gone."""
    context = watch_csp(browser.new_context(viewport=viewport, base_url=live_server.url, accept_downloads=True))
    context.set_default_timeout(30_000)
    page = watch_pages(context.new_page())
    log_in(page, email, password, check=check_page)
    check_page(page)
    yield page
    assert_every_page_checked(page)
    context.close()


def send_feedback(page, *, decision, comment):
    """On a mentor's feedback form: the decision (revision, approve, comment), the comment, back to the team."""
    page.locator(f"input[name=decision][value={decision}]").check()
    page.locator("#id_comment").fill(comment)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/feedback/" not in url)
    check_page(page)


def tab_to(page, target, limit=80):
    """Press Tab until ``target`` (a locator) has the focus, as a keyboard user would; call it on a freshly
    loaded page to start from its top.

    Every stop on the way must show where the focus is (an outline or a shadow), and the focus must move on
    (no trap; a date field has a stop per part). Returns the number of presses.
    """
    seen = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                || style.boxShadow !== 'none';
            return {where: el.tagName + '#' + el.id + '.' + el.className + ' '
                           + (el.textContent || '').trim().slice(0, 30),
                    ring: ring, body: el === document.body};
        }""")
        assert not stop["body"], f"the focus left the page after {seen}"
        assert stop["ring"], f"no visible focus on {stop['where']}"
        assert seen[-3:] != [stop["where"]] * 3, f"the focus is stuck on {stop['where']}"
        seen.append(stop["where"])
        if target.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{target} not reached in {limit} presses of Tab: {seen}")
