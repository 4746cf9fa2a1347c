"""Every URL of the project, visited as the organizer, answers with the security headers, no cache, and
HTML whose scripts and styles the Content-Security-Policy lets through (no inline script, style or on...=).

The URLs and their arguments come from the URL × role matrix (tests/matrix).
"""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from certificates.models import Certificate
from tests import factories
from tests.bimtek.test_admin import log_in_to_back_office
from tests.test_url_matrix import ENTRIES
from tests.world import World

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+=", re.I)


def problems(url, response, *, logged_in=True):
    found = []
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if " " in part.strip())
    if directives.get("script-src") != "'self'" or "unsafe-inline" in csp or "unsafe-eval" in csp:
        found.append(f"Content-Security-Policy {csp!r}")
    if directives.get("frame-ancestors") != "'none'" or directives.get("object-src") != "'none'":
        found.append(f"Content-Security-Policy {csp!r}")
    if "camera=()" not in response.headers.get("Permissions-Policy", ""):
        found.append(f"Permissions-Policy {response.headers.get('Permissions-Policy')!r}")
    if logged_in and "no-store" not in response.headers.get("Cache-Control", ""):
        found.append(f"Cache-Control {response.headers.get('Cache-Control')!r}")
    if response.headers.get("Content-Type", "").startswith("text/html") and not response.streaming:
        html = response.content.decode()
        for name, pattern in (("inline script", INLINE_SCRIPT), ("inline style", INLINE_STYLE),
                              ("event attribute", EVENT_ATTRIBUTE)):
            match = pattern.search(html)
            if match:
                found.append(f"{name}: {html[max(match.start() - 40, 0):match.end() + 40]!r}")
    return [f"{url} ({response.status_code}): {problem}" for problem in found]


def test_every_page_the_organizer_opens_sends_the_security_headers_and_no_store(client):
    world = World()
    client.force_login(world.users["organizer"])
    wrong, visited = [], 0
    for name, entry in sorted(ENTRIES.items()):
        url = reverse(name, kwargs=entry.kwargs(world, "own") if entry.kwargs else None)
        response = getattr(client, entry.method)(url)
        visited += 1
        wrong += problems(url, response)
    assert visited == len(ENTRIES)
    assert wrong == []


def test_the_back_office_sends_them_too(client):
    log_in_to_back_office(client)
    wrong = []
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry]
    for url in urls:
        wrong += problems(url, client.get(url))
    assert wrong == []


def test_pages_without_a_login_send_the_policies_and_the_verification_page_is_not_stored(client):
    program = factories.make_program()
    participant = factories.make_participant(factories.make_team(program))
    certificate = factories.issue_certificate(participant=participant)
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    verify = client.get(reverse("certificate_verify", args=[certificate.verification_code]))
    assert verify.status_code == 200
    assert problems("verify", verify) == []  # Cache-Control: no-store although nobody is logged in
    login = client.get(reverse("account_login"))
    assert problems("login", login, logged_in=False) == []
