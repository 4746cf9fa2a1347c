"""An organizer turns on two-factor login from Settings, exports the participant list and finds that export
in the program's audit trail; axe and the Content-Security-Policy watch every page."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from bimtek.overview.demo.build import DOMAIN
from tests.e2e.conftest import check_page, download, log_in
from tests.workers import work_off

pytestmark = pytest.mark.browser


def test_an_organizer_turns_on_two_factor_login_and_reads_the_audit_trail(desktop, demo):
    page = desktop
    log_in(page, f"panitia@{DOMAIN}", demo, check=check_page)
    page.locator(".site-header").get_by_role("link", name="Pengaturan").click()
    check_page(page)
    page.get_by_role("link", name="Aktifkan login dua faktor").click()
    page.wait_for_url(lambda url: "/reauthenticate/" in url)
    check_page(page)
    page.locator("#id_password").fill(demo)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(lambda url: url.endswith("/2fa/totp/activate/"))
    check_page(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_url(lambda url: "/2fa/recovery-codes/" in url)
    check_page(page)

    page.goto("/")
    page.get_by_role("link", name="Gerakan Menuju Smart City 2026").first.click()
    page.locator(".subnav").get_by_role("link", name="Ekspor", exact=True).click()
    check_page(page)
    # The list is prepared by a worker: the button opens the file's page, which offers it once it is made.
    exports_page = page.url
    page.locator("main form[action$='/participants/export.xlsx'] button").click()
    page.wait_for_url(re.compile(r"/downloads/[0-9a-f-]+/$"))
    check_page(page)
    title = page.locator("main h1").inner_text()
    work_off()
    page.reload()
    name, _content = download(page, page.locator("main a[href$='/file/']"))
    assert name.endswith(".xlsx")
    page.goto(exports_page)
    page.get_by_role("link", name="Jejak audit: siapa yang mengekspor atau mengubah data pribadi").click()
    check_page(page)
    page.locator("#id_action").select_option("participants_exported")
    page.get_by_role("button", name="Tampilkan").click()
    check_page(page)
    rows = page.locator("main tbody tr")
    assert rows.count() == 1
    assert title in rows.first.inner_text() and f"panitia@{DOMAIN}" in rows.first.inner_text()
