"""Every URL of the project, for every role, for an own and another program's object, and mixed.

Every page that answers 200 with HTML is also validated (tests/html_validity.py).

The matrix lives in tests/matrix/<app>.py. A URL pattern without an entry
fails ``test_every_url_is_in_the_matrix``; a view that names no permission
fails ``test_every_view_declares_its_permission``. A URL with more than one
id is also tried with the ids mixed (``test_mixed_ids_answer_404``): one
id from the other program, the rest own, so that a lookup which drops its
scope filter (the program, the team, the assignment…) fails a test.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix
from tests.html_validity import html_errors
from tests.world import ROLES, World

PROJECT_APPS = ("bimtek", "participants", "sessions", "materials", "certificates", "evaluation")
# The Django admin is the back office; tests/bimtek/test_admin.py checks who gets in.
SEPARATELY_TESTED_NAMESPACES = {"admin"}


def load_entries():
    entries = {}
    for module_info in pkgutil.iter_modules(tests.matrix.__path__):
        module = importlib.import_module(f"tests.matrix.{module_info.name}")
        for name, entry in module.ENTRIES.items():
            assert name not in entries, f"{name} is in the matrix twice"
            entries[name] = entry
    return entries


def walk(resolver=None, namespace=""):
    """Yield (qualified name, pattern) for every URL pattern, descending into includes.

    Patterns in a separately tested namespace (the admin) are left out.
    """
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SEPARATELY_TESTED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else None, pattern


ENTRIES = load_entries()


def test_every_url_is_in_the_matrix():
    missing = []
    for name, pattern in walk():
        if name is None or name not in ENTRIES:
            missing.append(name or str(pattern.pattern))
    assert missing == [], f"URL patterns missing from tests/matrix: {missing}"


def test_matrix_has_no_stale_entries():
    names = {name for name, _pattern in walk() if name}
    assert sorted(set(ENTRIES) - names) == []


def test_every_view_declares_its_permission():
    undeclared = []
    for name, pattern in walk():
        view = getattr(pattern.callback, "view_class", pattern.callback)
        if view.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        declared = [getattr(view, attr, None) for attr in ("permission_required", "login_only", "public")]
        if not any(declared):
            undeclared.append(name)
    assert undeclared == []


def expected(entry, role, scope):
    """'ok', 'login' or 404 for this role on this URL."""
    if role == "anonymous":
        return "ok" if entry.public else "login"
    if entry.public or entry.login_only:
        return "ok"
    if scope == "foreign":
        return "ok" if role == "outsider" and "organizer" in entry.allowed else 404
    return "ok" if role in entry.allowed else 404


def outcome(entry, response, login_url):
    if response.status_code == 302 and response.url.startswith(login_url):
        return "login"
    if response.status_code in entry.ok_statuses and response.status_code != 404:
        return "ok"
    return response.status_code


CASES = [(name, scope) for name, entry in sorted(ENTRIES.items())
         for scope in (("own", "foreign") if entry.scoped and entry.kwargs else ("own",))]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "scope"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_url_answers_each_role(client, name, scope):
    entry = ENTRIES[name]
    world = World()
    url = reverse(name, kwargs=entry.kwargs(world, scope) if entry.kwargs else None)
    login_url = reverse("account_login")
    wrong, invalid = [], {}
    for role in ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        response = getattr(client, entry.method)(url)
        want, got = expected(entry, role, scope), outcome(entry, response, login_url)
        if want != got:
            wrong.append(f"{role}: expected {want}, got {got}")
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            for error in html_errors(response.content):
                invalid.setdefault(error, role)
    assert wrong == [], f"{url}: " + "; ".join(wrong)
    assert invalid == {}, f"{url} is not valid HTML: " + "; ".join(f"{e} (as {r})" for e, r in invalid.items())


def mixed_arguments(entry, world):
    """The own object's URL arguments with one of them taken from the foreign program's object, for each
    argument that differs between the two: my program in the address and another program's object (or
    another program in the address and my object, for its organizer, the outsider)."""
    own, foreign = entry.kwargs(world, "own"), entry.kwargs(world, "foreign")
    return [(key, {**own, key: foreign[key]}) for key in own if own[key] != foreign[key]]


# Their other argument names something inside the program (a stage's ordinal, a kind), not an object id.
NOT_AN_ID = {"certificate_bulk_issue", "invitation_letters", "stage_materials", "stage_update"}
MULTI_ID = sorted({name for name, pattern in walk() if name in ENTRIES and len(pattern.pattern.converters) > 1
                   and ENTRIES[name].scoped and ENTRIES[name].kwargs and name not in NOT_AN_ID
                   and not (ENTRIES[name].public or ENTRIES[name].login_only)})


def probes(client, url):
    """Each method the view answers, a POST empty: a view that looks its object up only when posted to
    must refuse the mixed ids there, before changing anything."""
    view = get_resolver().resolve(url).func.view_class
    for method in ("get", "post"):
        if method in view.http_method_names and hasattr(view, method):
            yield method.upper(), getattr(client, method)(url)


@pytest.mark.django_db
@pytest.mark.parametrize("name", MULTI_ID)
def test_mixed_ids_answer_404(client, name):
    entry = ENTRIES[name]
    world = World()
    login_url = reverse("account_login")
    variants = mixed_arguments(entry, world)
    assert len(variants) >= 2, f"{name}: the own and foreign objects differ in fewer than two ids"
    wrong = []
    for key, kwargs in variants:
        url = reverse(name, kwargs=kwargs)
        for role in ROLES:
            client.logout()
            if world.users[role] is not None:
                client.force_login(world.users[role])
            for method, response in probes(client, url):
                got = outcome(entry, response, login_url)
                want = "login" if role == "anonymous" else 404
                if got != want:
                    wrong.append(f"{method} with the {key} of the other program, {role}: expected {want}, got {got}")
    assert wrong == [], f"{name}: " + "; ".join(wrong)
