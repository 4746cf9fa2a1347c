"""The program dashboard of the demo program is readable on a phone and on a small office screen."""

import re

import pytest

from bimtek.models import Program
from bimtek.overview.demo.build import DOMAIN, PROGRAM_NAME
from tests.e2e.conftest import check_page, log_in

pytestmark = pytest.mark.browser

# On a phone each cell of a "responsive" table shows its column's name beside its value (a float made
# from data-label). A cell shorter than its name lets the name run over the next row; this measures
# each name as the browser lays it out and returns the cells it would overflow.
LABELS_OVERFLOWING = """() => {
    const bad = [];
    let checked = 0;
    for (const cell of document.querySelectorAll('table.responsive td[data-label]')) {
        const label = getComputedStyle(cell, '::before');
        if (label.content === 'none' || label.float === 'none' || !cell.offsetParent) continue;
        const probe = document.createElement('div');
        probe.textContent = cell.dataset.label;
        for (const name of ['width', 'font', 'lineHeight', 'letterSpacing', 'overflowWrap', 'wordBreak']) {
            probe.style[name] = label[name];
        }
        probe.style.position = 'absolute';
        probe.style.visibility = 'hidden';
        document.body.appendChild(probe);
        const needed = probe.getBoundingClientRect().height;
        probe.remove();
        const style = getComputedStyle(cell);
        const room = cell.getBoundingClientRect().height
            - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        checked += 1;
        if (needed > room + 1) bad.push(`${cell.dataset.label}: ${needed}px in ${room}px`);
    }
    return {checked, bad};
}"""


def test_on_a_phone_no_column_name_runs_over_the_next_row(phone, demo):
    log_in(phone, f"panitia@{DOMAIN}", demo)
    phone.goto("/")
    phone.locator(f"main a[href='/programs/{current_program().pk}/dashboard/']").click()
    check_page(phone)  # the summary by province
    phone.locator("main a[href='?teams=all']").click()
    check_page(phone)
    result = phone.evaluate(LABELS_OVERFLOWING)
    assert result["checked"] > 100  # every team's stages and assignments were looked at
    assert result["bad"] == []


def test_on_a_small_office_screen_every_stage_column_is_reachable(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 768})
    context.set_default_timeout(30_000)
    page = context.new_page()
    log_in(page, f"panitia@{DOMAIN}", demo)
    page.locator(f"main a[href='/programs/{current_program().pk}/dashboard/']").click()
    page.locator("main a[href='?teams=all']").click()
    check_page(page)
    frame = page.locator(".scroll-frame")
    wrap = frame.locator(".table-wrap")
    # The table is wider than the screen and says so: a shadow on its right edge.
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    assert "more-right" in frame.get_attribute("class")
    assert float(frame.locator(".scroll-cue").evaluate("el => getComputedStyle(el).opacity")) == 1

    # Each stage's link brings its columns beside the team column, which stays in view.
    jump = page.get_by_role("navigation", name="Tahap di tabel")
    for stage in ("Tahap III", "Tahap IV", "Tahap I"):
        jump.get_by_role("link", name=stage, exact=True).click()
        header = page.locator("table.matrix thead th.stage-group", has_text=re.compile(f"^{stage}$"))
        page.wait_for_function("""([header, wrap]) => {
            const h = header.getBoundingClientRect(), w = wrap.getBoundingClientRect();
            const team = wrap.querySelector('tbody th[scope=row]').getBoundingClientRect();
            const end = wrap.scrollLeft >= wrap.scrollWidth - wrap.clientWidth - 1;
            // Right beside the team column, unless the table cannot scroll further.
            return h.left >= team.right - 2 && (h.left <= team.right + 4 || end) && h.left < w.right - 100;
        }""", arg=[header.element_handle(), wrap.element_handle()])
        assert page.locator("table.matrix tbody th[scope=row]").first.is_visible()

    wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_function("() => !document.querySelector('.scroll-frame').classList.contains('more-right')")
    context.close()


def current_program():
    """The demo's program in mid-course (the demo also has last year's, finished one)."""
    return Program.objects.get(name=PROGRAM_NAME)
