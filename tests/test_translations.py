"""The Indonesian catalogue is complete, compiled and in step with the sources.

Bahasa Indonesia is the default interface language, so a string without a
translation shows up in English in front of every user. These tests keep
locale/id complete: every entry translated (none fuzzy), the committed .mo
compiled from exactly this .po, the placeholders intact, and — when GNU gettext
is installed — no msgid of the sources missing from the catalogue.

After changing strings: `make messages`, translate what is new in
locale/id/LC_MESSAGES/django.po, and commit the .po with its .mo.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = BASE_DIR / "locale" / "id" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# Top-level folders that are not application code: never scanned for strings.
NOT_SOURCES = {"tests", "bench", "var", "docs", "static", "locale", "node_modules", "staticfiles"}

PERCENT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxX%]")
BRACES = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?::[^{}]*)?\}")
TAGS = re.compile(r"</?[A-Za-z][^>]*>")


def _po():
    return polib.pofile(str(PO_PATH))


def _entries(catalogue):
    return [e for e in catalogue if not e.obsolete and e.msgid]


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _translations(entries):
    table = {}
    for entry in entries:
        if entry.msgid_plural:
            table[_key(entry)] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            table[_key(entry)] = entry.msgstr
    return table


def _label(key):
    context, msgid, _plural = key
    return f"{context}|{msgid}" if context else msgid


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = _po()
    entries = _entries(catalogue)
    assert entries, "the Indonesian catalogue is empty"
    untranslated = [e.msgid for e in entries if not e.translated() and "fuzzy" not in e.flags]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check and unflag them): {fuzzy[:20]}"


def test_plural_entries_have_the_one_indonesian_form():
    catalogue = _po()
    assert catalogue.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"
    for entry in _entries(catalogue):
        if entry.msgid_plural:
            forms = {i: s for i, s in entry.msgstr_plural.items() if s}
            assert list(forms) == [0], f"{entry.msgid!r} should have exactly msgstr[0]: {entry.msgstr_plural}"


def test_placeholders_and_tags_survive_translation():
    problems = []
    for entry in _entries(_po()):
        source = entry.msgid_plural or entry.msgid
        outputs = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for output in outputs:
            for pattern in (PERCENT, BRACES, TAGS):
                # The singular English form may leave out the count ("%(n)d day"), the
                # one Indonesian form follows the plural; either source set is right.
                wanted = [sorted(pattern.findall(s)) for s in {entry.msgid, source}]
                if sorted(pattern.findall(output)) not in wanted:
                    problems.append(f"{entry.msgid!r} -> {output!r}")
                    break
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def test_committed_mo_holds_exactly_the_po_translations():
    assert MO_PATH.exists(), "locale/id/LC_MESSAGES/django.mo is missing: run compilemessages"
    po_table = _translations(e for e in _entries(_po()) if e.translated() and "fuzzy" not in e.flags)
    mo_table = _translations(_entries(polib.mofile(str(MO_PATH))))
    stale = sorted(_label(k) for k in po_table.keys() & mo_table.keys() if po_table[k] != mo_table[k])
    only_po = sorted(_label(k) for k in po_table.keys() - mo_table.keys())
    only_mo = sorted(_label(k) for k in mo_table.keys() - po_table.keys())
    assert not (stale or only_po or only_mo), (
        "django.mo is not compiled from django.po (run compilemessages -l id): "
        f"different {stale[:10]}, missing from .mo {only_po[:10]}, only in .mo {only_mo[:10]}"
    )


gettext_missing = pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msgfmt")),
    reason="GNU gettext (xgettext, msgmerge, msgfmt) is not installed: cannot extract strings from the sources",
)


@gettext_missing
def test_msgfmt_accepts_the_catalogue():
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", os.devnull, str(PO_PATH)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


@gettext_missing
def test_no_source_string_is_missing_from_the_catalogue(tmp_path):
    """makemessages on a copy of the sources adds nothing the committed .po lacks."""
    copy = tmp_path / "src"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
    for child in BASE_DIR.iterdir():
        if child.name.startswith(".") or child.name in NOT_SOURCES:
            continue
        if child.is_dir() and (child.name == "templates" or (child / "__init__.py").exists()):
            shutil.copytree(child, copy / child.name, ignore=ignore)
    shutil.copy2(BASE_DIR / "manage.py", copy / "manage.py")
    shutil.copytree(BASE_DIR / "locale", copy / "locale", ignore=ignore)

    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}}
    env.update(DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="bimtek.settings", BIMTEK_VAR_DIR=str(tmp_path / "var"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete", "--no-location"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    extracted = {_key(e) for e in _entries(polib.pofile(str(copy / "locale" / "id" / "LC_MESSAGES" / "django.po")))}
    committed = {_key(e) for e in _entries(_po())}
    missing = sorted(_label(k) for k in extracted - committed)
    assert not missing, (
        f"{len(missing)} source strings are not in locale/id/LC_MESSAGES/django.po "
        f"(run `make messages` and translate them): {missing[:20]}"
    )
