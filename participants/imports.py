"""Run a read participant list through ParticipantResource: a dry run for the preview, a real run for the import."""

from dataclasses import dataclass, field

import tablib
from django.utils.translation import gettext as _

from participants.columns import COLUMNS
from participants.importing import AsideRow, SourceRow, SpreadsheetRows
from participants.normalize import name_clean, text_clean
from participants.resources import ParticipantResource

STATUS_OF = {"new": "new", "update": "update", "skip": "unchanged", "invalid": "error", "error": "error"}
COUNTED = ["new", "update", "unchanged", "error", "aside", "new_accounts"]


@dataclass
class ImportOutcome:
    """What an import did, or would do: one preview row per spreadsheet row, and the totals."""

    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    new_teams: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # errors that belong to no row
    new_participants: list = field(default_factory=list)
    imported: bool = False  # set once a real run was kept

    @property
    def ok(self):
        return not self.problems and not self.counts.get("error")

    @property
    def correct(self):
        """How many rows an import of only the correct rows would write."""
        return self.counts.get("new", 0) + self.counts.get("update", 0)

    def error_rows(self):
        return {(row["sheet"], row["row"]): row for row in self.rows if row["status"] == "error"}


def row_label(source: SourceRow, several_sheets: bool) -> str:
    if several_sheets:
        return _("%(sheet)s, row %(row)s") % {"sheet": source.sheet, "row": source.number}
    return str(source.number)


def _cells(source: SourceRow) -> dict:
    """The row's cells as text, to write them back into a spreadsheet of the rows to correct."""
    return {key: text_clean(value) for key, value in source.values.items() if text_clean(value)}


def _aside_row(aside: AsideRow, several_sheets: bool) -> dict:
    source = aside.source
    if aside.first is not None:
        reason = _("Same as row %(row)s.") % {"row": row_label(aside.first, several_sheets)}
    else:
        reason = _("Not a participant row (signature, place and date, or total).")
    return {"sheet": source.sheet, "row": source.number, "label": row_label(source, several_sheets),
            "status": "aside", "name": aside.text, "email": text_clean(source.values.get("email")), "team": "",
            "new_team": False, "changes": [], "stored": "", "errors": [], "reason": reason}


def _formula_errors(source: SourceRow, label) -> list:
    return [[label(key), _("This cell is a formula; type the name as text.") if key == "full_name" else
             _("This cell is a formula; type the value as text.")] for key in source.formulas]


def participants_import_rows(*, program, sheet: SpreadsheetRows, default_team=None, dry_run: bool,
                             leave_out: dict | None = None) -> ImportOutcome:
    """Run ``sheet`` through ParticipantResource; with ``dry_run`` nothing is written.

    Rows of ``leave_out`` ({(sheet, row): preview row}, the errors of a dry
    run) are not run and keep their errors: that is how only the correct rows
    are imported. Rows with a formula nobody computed are errors without
    being run. Callers wrap a real run in a transaction and roll it back
    unless the outcome is ``ok`` (or only left-out rows have errors).
    """
    leave_out = leave_out or {}

    def label(key):
        return sheet.headers.get(key) or COLUMNS.get(key, key)

    outcome = ImportOutcome()
    kept = []
    for source in sheet.rows:
        known = leave_out.get((source.sheet, source.number))
        if known is None and source.formulas:
            known = {"sheet": source.sheet, "row": source.number, "label": row_label(source, sheet.several_sheets),
                     "status": "error", "name": name_clean(source.values.get("full_name")),
                     "email": text_clean(source.values.get("email")), "team": text_clean(source.values.get("region")),
                     "new_team": False, "changes": [], "stored": "", "errors": _formula_errors(source, label)}
        if known is not None:
            outcome.rows.append({**known, "cells": _cells(source)})
        else:
            kept.append(source)
    outcome.rows.extend(_aside_row(aside, sheet.several_sheets) for aside in sheet.set_aside)
    ran = _run(program=program, sheet=sheet, rows=kept, default_team=default_team, dry_run=dry_run, label=label)
    outcome.rows.extend(ran.rows)
    order = {title: index for index, title in enumerate(sheet.sheets)}
    outcome.rows.sort(key=lambda row: (order.get(row["sheet"], len(order)), row["row"]))
    outcome.problems, outcome.new_teams, outcome.new_participants = ran.problems, ran.new_teams, ran.new_participants
    counts = dict.fromkeys(COUNTED, 0)
    for row in outcome.rows:
        counts[row["status"]] += 1
    counts["new_accounts"] = ran.counts["new_accounts"]
    counts["new_teams"] = len(outcome.new_teams)
    counts["left_out"] = len(sheet.left_out)
    outcome.counts = counts
    return outcome


def _run(*, program, sheet: SpreadsheetRows, rows, default_team, dry_run, label) -> ImportOutcome:
    if not rows:
        return ImportOutcome(counts={"new_accounts": 0})
    keys = [key for key in COLUMNS if key in sheet.headers or any(key in row.values for row in rows)]
    dataset = tablib.Dataset(headers=keys)
    for source in rows:
        dataset.append([source.values.get(key) for key in keys])
    labels = {number: row_label(source, sheet.several_sheets) for number, source in enumerate(rows, 1)}
    # Messages such as "the same e-mail address is already on row N" name the spreadsheet's rows.
    resource = ParticipantResource(program=program, default_team=default_team, row_labels=labels)
    result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True,
                                  rollback_on_validation_errors=True)
    outcome = ImportOutcome(new_participants=resource.new_participants)
    counts = {"new_accounts": 0}
    for number, (source, row_result) in enumerate(zip(rows, result.rows, strict=True), start=1):
        status = STATUS_OF[row_result.import_type]
        info = resource.row_info.get(number, {}) if status != "error" else {}
        counts["new_accounts"] += bool(status == "new" and info.get("new_account"))
        errors = []
        if row_result.validation_error is not None:
            for key, messages in row_result.validation_error.message_dict.items():
                errors.extend([label(key), str(message)] for message in messages)
        for error in row_result.errors:
            errors.append(["", _("This row could not be read (%(error)s).") % {"error": error.error}])
        outcome.rows.append({
            "sheet": source.sheet, "row": source.number, "label": labels[number], "status": status,
            "name": name_clean(source.values.get("full_name")),
            "email": info.get("email") or text_clean(source.values.get("email")),
            "team": info.get("team", text_clean(source.values.get("region"))),
            "new_team": info.get("new_team", False),
            "changes": [[label(key), old, new] for key, old, new in info.get("changes", [])],
            "stored": info.get("stored", ""),
            "errors": errors, **({"cells": _cells(source)} if status == "error" else {}),
        })
    outcome.problems = [_("The import failed: %(error)s") % {"error": error.error} for error in result.base_errors]
    outcome.new_teams = sorted({str(team.region) for team in resource.new_teams.values()})
    outcome.counts = counts
    return outcome
