"""The program menu shows exactly what the URL × role matrix allows each role.

Every link in a role's menu answers 200 for that role, and every program page the matrix lets the role open
is in its menu.
"""

import re

import pytest
from django.urls import reverse

from tests.test_url_matrix import ENTRIES
from tests.world import ROLES, World

# The program's own pages that lead to the rest: its landing page and one list per subject. (Forms, exports
# and the calendar view of the schedule are reached from these pages, not from the menu.)
MENU_PAGES = ["program_detail", "program_dashboard", "team_list", "staff_list", "session_list", "attendance_recap",
              "attendance_mine", "assignment_list", "review_queue", "material_list", "certificate_overview",
              "program_exports", "evaluation_round_list"]
PROGRAM_ROLES = [role for role in ROLES if role not in ("anonymous", "outsider")]


def menu_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="subnav".*?</nav>', html, re.S)
    return re.findall(r'href="([^"]+)"', nav.group(0)) if nav else []


@pytest.mark.django_db
@pytest.mark.parametrize("role", PROGRAM_ROLES)
def test_the_menu_holds_exactly_the_program_pages_the_role_may_open(client, role):
    world = World()
    client.force_login(world.users[role])
    links = menu_links(client.get(reverse("program_detail", args=[world.program.pk])).content.decode())
    assert links, "the program page shows the program menu"
    for link in links:
        assert client.get(link).status_code == 200, f"{role} is shown {link} but cannot open it"
    allowed = [reverse(name, args=[world.program.pk]) for name in MENU_PAGES if role in ENTRIES[name].allowed]
    assert sorted(set(links)) == sorted(allowed)


def test_the_menu_pages_are_program_pages_of_the_matrix():
    for name in MENU_PAGES:
        entry = ENTRIES[name]
        assert entry.allowed and not (entry.public or entry.login_only), name
