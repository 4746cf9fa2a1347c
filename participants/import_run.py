"""Importing a participant list: upload and preview, confirm, discard. Each runs the rows read from the
spreadsheet (participants.spreadsheet_reading) through ParticipantResource: a dry run for the preview, a
real run for the import."""

import datetime
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.filestore import delete_after_commit, store_upload
from bimtek.jobs import job_start
from bimtek.models import BackgroundJob, Program
from bimtek.program_cache import program_data_changed
from participants.columns import COLUMNS
from participants.models import ParticipantImport, Team
from participants.normalize import name_clean, text_clean
from participants.resources import ParticipantResource
from participants.roles import forget_roles
from participants.services import users_invite
from participants.spreadsheet_reading import (
    AsideRow,
    SourceRow,
    SpreadsheetRows,
    import_file_check,
    rows_estimate,
    spreadsheet_read,
)

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


IMPORT_KEEP_UNCONFIRMED = datetime.timedelta(days=1)


class ImportRefused(Exception):
    def __init__(self, outcome):
        super().__init__()
        self.outcome = outcome


def _preview_of(outcome, sheet) -> dict:
    return {"rows": outcome.rows, "counts": outcome.counts, "new_teams": outcome.new_teams,
            "problems": outcome.problems, "unknown_headers": sheet.unknown_headers,
            "left_out": [row_label(SourceRow(sheet=title, number=number, values={}), sheet.several_sheets)
                         for title, number in sheet.left_out],
            "columns": [sheet.headers[key] for key in COLUMNS if key in sheet.headers]}


# A list of more rows than this is read, and imported, by a worker (as a Daftar Hadir of more than 300 people
# is made by one): the page shows its progress, then the same preview and confirmation.
IMPORT_IN_REQUEST_MAX = 300
IMPORT_READ_JOB = "participants_import_read"
IMPORT_CONFIRM_JOB = "participants_import_confirm"


def runs_in_request(rows: int) -> bool:
    return rows <= IMPORT_IN_REQUEST_MAX


def _preview_read(*, program, file, kind, team) -> dict:
    sheet = spreadsheet_read(file, kind)
    if team is None and "region" not in sheet.headers and not any(row.values.get("region") for row in sheet.rows):
        raise ValidationError(_("This list has no Kabupaten/Kota column. Choose the team these people belong to, "
                                "or add the column."), code="import_file")
    outcome = participants_import_rows(program=program, sheet=sheet, default_team=team, dry_run=True)
    return _preview_of(outcome, sheet)


@transaction.atomic
def participant_import_upload(*, program: Program, file, uploaded_by, team: Team | None = None,
                              send_invitations: bool = False) -> ParticipantImport:
    """Keep an uploaded participant list and preview what importing it would do to every row.

    Nothing is imported yet. The file must be an XLSX or CSV list by its
    content, within the size and row limits, with a recognisable header; rows
    without a region go to ``team``, which must be a team of this program.
    The copy is stored under a server-chosen name for the confirmation, and
    lists left unconfirmed for a day are discarded. A list of more than
    IMPORT_IN_REQUEST_MAX rows is stored as it is and read by a worker
    (status READING until its preview is ready).
    """
    if team is not None and team.program_id != program.pk:
        raise ValidationError(_("Choose a team of this program."))
    checked = import_file_check(file)
    participant_imports_purge(program=program)
    upload = ParticipantImport(program=program, uploaded_by=uploaded_by, team=team,
                               send_invitations=send_invitations)
    if runs_in_request(rows_estimate(file, checked.kind)):
        upload.preview = _preview_read(program=program, file=file, kind=checked.kind, team=team)
        store_upload(upload, file, checked=checked)
        upload.save()
        return upload
    upload.status = ParticipantImport.Status.READING
    store_upload(upload, file, checked=checked)
    upload.save()
    _hand_to_worker(upload, kind=IMPORT_READ_JOB, owner=uploaded_by,
                    title=_("Reading the participant list %(name)s") % {"name": upload.original_name})
    return upload


def _hand_to_worker(upload, *, kind, owner, title, **params):
    page = reverse("participant_import_detail", kwargs={"program": upload.program_id, "upload": upload.pk})
    upload.job = job_start(kind=kind, owner=owner, program=upload.program, title=title[:200],
                           params={"upload": upload.pk, "page": page, **params})
    upload.save(update_fields=["job"])


@transaction.atomic
def participant_import_read(*, upload_id: int) -> ParticipantImport | None:
    """A worker's part of an upload: read the stored list and keep its preview (or say why it cannot be read,
    and drop the file). Does nothing for a list no longer waiting to be read (a second delivery)."""
    upload = ParticipantImport.objects.select_for_update(of=("self",)).select_related("program", "team").filter(
        pk=upload_id, status=ParticipantImport.Status.READING).first()
    if upload is None:
        return None
    try:
        with upload.file.open("rb") as stored:
            upload.preview = _preview_read(program=upload.program, file=stored, kind=upload.kind, team=upload.team)
        upload.status = ParticipantImport.Status.PREVIEWED
    except ValidationError as refused:
        upload.status = ParticipantImport.Status.DISCARDED
        upload.preview = {"problems": list(refused.messages), "counts": {}}
        _delete_file_on_commit(upload)
    upload.save()
    return upload


@transaction.atomic
def participant_import_confirm_later(*, upload: ParticipantImport, confirmed_by,
                                     only_correct: bool = False) -> ParticipantImport:
    """Hand the confirmation of a large previewed list to a worker (status IMPORTING until it is done)."""
    upload = ParticipantImport.objects.select_for_update(of=("self",)).select_related("program").get(pk=upload.pk)
    if upload.status != ParticipantImport.Status.PREVIEWED:
        raise ValidationError(_("This list was already imported or discarded."))
    upload.status = ParticipantImport.Status.IMPORTING
    upload.preview = {key: value for key, value in upload.preview.items() if key != "refused"}
    upload.save(update_fields=["status", "preview"])
    _hand_to_worker(upload, kind=IMPORT_CONFIRM_JOB, owner=confirmed_by, only_correct=only_correct,
                    title=_("Importing the participant list %(name)s") % {"name": upload.original_name})
    return upload


@transaction.atomic
def participant_import_confirm_refused(*, upload_id: int, problem: str) -> None:
    """A worker's confirmation that wrote nothing: the list waits for confirmation again, saying why."""
    upload = ParticipantImport.objects.select_for_update(of=("self",)).filter(
        pk=upload_id, status=ParticipantImport.Status.IMPORTING).first()
    if upload is None:
        return
    upload.status = ParticipantImport.Status.PREVIEWED
    upload.preview = {**upload.preview, "refused": problem}
    upload.save(update_fields=["status", "preview"])


@transaction.atomic
def participant_import_confirm(*, upload: ParticipantImport, confirmed_by, only_correct: bool = False):
    """Import a previewed list: every row, or nothing at all; with ``only_correct``, its correct rows.

    Reads the stored copy again and runs the import for real in one
    transaction; if any row fails now (the program may have changed since the
    preview), everything is rolled back and the preview shows why. With
    ``only_correct`` the rows that have errors now are left out and the rest
    is imported; the errors stay in the preview, to download and correct
    (importing the corrected list later adds only what is new). New accounts
    get no usable password; with ``send_invitations`` they are e-mailed a
    link to set one once the import is committed. Returns the outcome;
    ``outcome.ok`` says whether anything was written.
    """
    program_data_changed(upload.program_id)
    upload = ParticipantImport.objects.select_for_update(of=("self",)).select_related("program", "team").get(
        pk=upload.pk)
    # IMPORTING: the worker's run of a confirmation asked for with participant_import_confirm_later.
    if upload.status not in (ParticipantImport.Status.PREVIEWED, ParticipantImport.Status.IMPORTING):
        raise ValidationError(_("This list was already imported or discarded."))
    with upload.file.open("rb") as stored:
        sheet = spreadsheet_read(stored, upload.kind)
    leave_out = {}
    if only_correct:
        checked = participants_import_rows(program=upload.program, sheet=sheet, default_team=upload.team,
                                           dry_run=True)
        leave_out = checked.error_rows()
        if checked.problems or not checked.correct:
            raise ValidationError(_("No row of this list can be imported as it is."))
    try:
        with transaction.atomic():
            outcome = participants_import_rows(program=upload.program, sheet=sheet, default_team=upload.team,
                                               dry_run=False, leave_out=leave_out)
            if outcome.problems or outcome.error_rows().keys() != leave_out.keys():
                raise ImportRefused(outcome)
    except ImportRefused as refused:
        upload.preview = _preview_of(refused.outcome, sheet)
        if upload.status == ParticipantImport.Status.IMPORTING:
            upload.status = ParticipantImport.Status.PREVIEWED
            upload.preview["refused"] = _("Nothing was imported: some rows have errors now. They are marked below.")
        upload.save(update_fields=["preview", "status"])
        return refused.outcome
    invitees = [participant.user for participant in outcome.new_participants
                if upload.send_invitations and not participant.user.has_usable_password()]
    outcome.imported = True
    upload.status = ParticipantImport.Status.IMPORTED
    upload.imported_at = timezone.now()
    # The preview stays what the import did, row for row; rows left out keep their errors, to correct.
    if only_correct:
        upload.preview = _preview_of(checked, sheet)
    upload.summary = {**outcome.counts, "invited": len(invitees)}
    _delete_file_on_commit(upload)
    upload.save()
    for participant in outcome.new_participants:
        forget_roles(participant.user)
    if invitees:
        program, inviter = upload.program, confirmed_by
        # robust: a mail server that fails is logged, and the import it follows stays done.
        transaction.on_commit(lambda: users_invite(users=invitees, program=program, invited_by=inviter), robust=True)
    return outcome


@transaction.atomic
def participant_import_discard(*, upload: ParticipantImport) -> None:
    """Drop a list that was previewed but not imported; its file is deleted."""
    if upload.status != ParticipantImport.Status.PREVIEWED:
        raise ValidationError(_("This list was already imported or discarded."))
    _discard(upload)


def _discard(upload):
    upload.status = ParticipantImport.Status.DISCARDED
    upload.preview = {"counts": upload.preview.get("counts", {})}
    _delete_file_on_commit(upload)
    upload.save()


def participant_imports_purge(*, program: Program, older_than=IMPORT_KEEP_UNCONFIRMED) -> int:
    """Discard the program's lists that waited for confirmation longer than ``older_than``, and those a worker
    never finished (its job failed: the import's transaction wrote nothing)."""
    given_up = Q(status__in=(ParticipantImport.Status.READING, ParticipantImport.Status.IMPORTING),
                 job__status=BackgroundJob.Status.FAILED)
    stale = ParticipantImport.objects.filter(Q(status=ParticipantImport.Status.PREVIEWED) | given_up,
                                             program=program, created_at__lt=timezone.now() - older_than)
    count = 0
    for upload in stale:
        _discard(upload)
        count += 1
    return count


def _delete_file_on_commit(upload):
    delete_after_commit(upload.file)
    upload.file = ""
