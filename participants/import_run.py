"""Run a read participant list through ParticipantResource: a dry run for the preview, a real run for the import."""

from dataclasses import dataclass, field

import tablib
from django.utils.translation import gettext as _

from participants.columns import COLUMNS
from participants.spreadsheet_reading import SourceRow, SpreadsheetRows
from participants.normalize import name_clean, text_clean
from participants.resources import ParticipantResource

STATUS_OF = {"new": "new", "update": "update", "skip": "unchanged", "invalid": "error", "error": "error"}


@dataclass
class ImportOutcome:
    """What an import did, or would do: one preview row per spreadsheet row, and the totals."""

    rows: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    new_teams: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # errors that belong to no row
    new_participants: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems and not self.counts.get("error")


def row_label(source: SourceRow, several_sheets: bool) -> str:
    if several_sheets:
        return _("%(sheet)s, row %(row)s") % {"sheet": source.sheet, "row": source.number}
    return str(source.number)


def participants_import_rows(*, program, sheet: SpreadsheetRows, default_team=None,
                             dry_run: bool) -> ImportOutcome:
    """Run ``sheet`` through ParticipantResource; with ``dry_run`` nothing is written.

    Callers wrap a real run in a transaction and roll it back unless the
    outcome is ``ok``: an import is all or nothing.
    """
    keys = [key for key in COLUMNS if key in sheet.headers or any(key in row.values for row in sheet.rows)]
    dataset = tablib.Dataset(headers=keys)
    for source in sheet.rows:
        dataset.append([source.values.get(key) for key in keys])
    labels = {number: row_label(source, sheet.several_sheets) for number, source in enumerate(sheet.rows, 1)}
    resource = ParticipantResource(program=program, default_team=default_team, row_labels=labels)
    result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True,
                                  rollback_on_validation_errors=True)

    def label(key):
        return sheet.headers.get(key) or COLUMNS.get(key, key)

    outcome = ImportOutcome(new_participants=resource.new_participants)
    counts = dict.fromkeys(["new", "update", "unchanged", "error", "new_accounts"], 0)
    for number, (source, row_result) in enumerate(zip(sheet.rows, result.rows, strict=True), start=1):
        status = STATUS_OF[row_result.import_type]
        counts[status] += 1
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
            "errors": errors,
        })
    outcome.problems = [_("The import failed: %(error)s") % {"error": error.error} for error in result.base_errors]
    outcome.new_teams = sorted({str(team.region) for team in resource.new_teams.values()})
    counts["new_teams"] = len(outcome.new_teams)
    counts["left_out"] = len(sheet.left_out)
    outcome.counts = counts
    return outcome
