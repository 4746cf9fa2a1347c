"""The HTML checker used on every page of the URL matrix, and pages the matrix's world does not reach."""

import pytest
from django.urls import reverse

from tests import factories
from tests.html_validity import html_errors
from tests.materials.test_views import Loop
from tests.world import World

PAGE = "<!DOCTYPE html><html lang=id><head><title>t</title></head><body>{}</body></html>"


def test_a_valid_page_has_no_errors():
    assert html_errors(PAGE.format('<p>Teks <a href="/">tautan</a></p><div class="actions"><form method="post">'
                                   '<button type="submit">Simpan</button></form></div>'
                                   '<label>Nama <input name="n"></label>')) == []


@pytest.mark.parametrize(("body", "error"), [
    ("<p>a <form><button>b</button></form></p>", "Unexpected end tag (p)"),
    ("<span><ul><li>a</li></ul></span>", "<ul> inside <span>"),
    ('<a href="/"><button>b</button></a>', "<button> inside <a>"),
    ('<i id="x"></i><b id="x"></b>', 'id="x" is used more than once'),
    ("<table><tr><td>a</td></tr><div>b</div></table>", "Unexpected start tag (div) in table context"),
])
def test_what_browsers_would_repair_is_an_error(body, error):
    errors = html_errors(PAGE.format(body))
    assert len(errors) >= 1 and error in errors[0], errors


@pytest.mark.django_db
def test_a_submission_waiting_for_review_shows_its_buttons_in_valid_html(client):
    loop = Loop()
    loop.upload()
    client.force_login(loop.mentor)
    response = client.get(loop.url("submission_detail"))
    assert 'action="' + loop.url("submission_review_start") + '"' in response.content.decode()
    assert html_errors(response.content) == []


@pytest.mark.django_db
def test_the_password_change_page_is_valid_html(client):
    client.force_login(factories.make_user(password="a-long-passphrase-2026"))
    response = client.get(reverse("account_change_password"))
    assert response.status_code == 200 and 'name="password1"' in response.content.decode()
    assert html_errors(response.content) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["program_dashboard", "certificate_register", "certificate_eligibility"])
def test_filters_offer_all_of_a_kind_never_dashes(client, name):
    world = World()
    client.force_login(world.users["organizer"])
    page = client.get(reverse(name, args=[world.program.pk]), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "---------" not in page
    assert (">Semua provinsi<" if name == "program_dashboard" else ">Semua tim<") in page
