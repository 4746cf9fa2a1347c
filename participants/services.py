"""State changes for regions, teams, people and roles, and the import of participant lists."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.accounts import user_invite
from bimtek.filestore import delete_after_commit, store_upload
from bimtek.models import Program
from bimtek.roles import forget_roles
from participants.columns import COLUMNS
from participants.imports import participants_import_rows, row_label
from participants.importing import SourceRow, import_file_check, spreadsheet_read
from participants.models import MentorAssignment, Participant, ParticipantImport, ProgramRole, Region, Team
from participants.selectors import program_mentors

User = get_user_model()


@transaction.atomic
def region_create(*, name: str, kind: str, province: str, time_zone: str) -> Region:
    region = Region(name=name.strip(), kind=kind, province=province.strip(), time_zone=time_zone)
    region.full_clean()
    region.save()
    return region


@transaction.atomic
def team_create(*, program: Program, region: Region) -> Team:
    if Team.objects.filter(program=program, region=region).exists():
        raise ValidationError(_("%(region)s already has a team in this program.") % {"region": region})
    return Team.objects.create(program=program, region=region)


@transaction.atomic
def team_update(*, team: Team, focus_dimension=None) -> Team:
    """Set the dimension a team puts first; it must be one of the team's program."""
    if focus_dimension is not None and focus_dimension.program_id != team.program_id:
        raise ValidationError(_("Choose a dimension of this program."))
    team.focus_dimension = focus_dimension
    team.save(update_fields=["focus_dimension"])
    return team


def user_get_or_create(*, email: str, full_name: str = "") -> tuple[User, bool]:
    """The account for an e-mail address, created without a usable password if new.

    People set their own password from the invitation link; nobody else ever knows it.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        if full_name and not user.full_name:
            user.full_name = full_name
            user.save(update_fields=["full_name"])
        return user, False
    return User.objects.create_user(email=email, full_name=full_name.strip()), True


@transaction.atomic
def participant_add(*, team: Team, email: str, full_name: str, nip: str = "", position: str = "",
                    agency: str = "", phone: str = "", team_role: str = Participant.TeamRole.MEMBER,
                    group: str = "") -> Participant:
    """Put a person on a team. A person belongs to at most one team per program."""
    user, _created = user_get_or_create(email=email, full_name=full_name)
    other = Participant.objects.filter(user=user, team__program=team.program).exclude(team=team).first()
    if other:
        raise ValidationError(_("%(email)s is already on the team of %(team)s in this program.")
                              % {"email": user.email, "team": other.team})
    participant = Participant.objects.filter(user=user, team=team).first() or Participant(user=user, team=team)
    for field, value in dict(full_name=full_name.strip(), nip=nip, position=position.strip(),
                             agency=agency.strip(), phone=phone, team_role=team_role, group=group).items():
        setattr(participant, field, value)
    participant.full_clean()
    participant.save()
    forget_roles(user)
    return participant


@transaction.atomic
def participant_update(*, participant: Participant, **fields) -> Participant:
    for field, value in fields.items():
        setattr(participant, field, value)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    """Take a person off a team. Someone who holds a certificate stays: revoke it first."""
    if participant.certificates.exists():
        raise ValidationError(_("%(name)s holds a certificate of this program and stays on the team; "
                                "revoke the certificate first.") % {"name": participant.full_name})
    participant.delete()


@transaction.atomic
def program_role_grant(*, program: Program, user, role: str) -> ProgramRole:
    if role not in ProgramRole.Role.values:
        raise ValidationError(_("Unknown role."))
    grant, _created = ProgramRole.objects.get_or_create(program=program, user=user, role=role)
    forget_roles(user)
    return grant


@transaction.atomic
def program_role_revoke(*, grant: ProgramRole) -> None:
    if grant.role == ProgramRole.Role.ORGANIZER and not ProgramRole.objects.filter(
        program=grant.program, role=ProgramRole.Role.ORGANIZER
    ).exclude(pk=grant.pk).exists():
        raise ValidationError(_("A program keeps at least one organizer."))
    if grant.role == ProgramRole.Role.MENTOR:
        MentorAssignment.objects.filter(mentor=grant.user, team__program=grant.program).delete()
    grant.delete()
    forget_roles(grant.user)


@transaction.atomic
def staff_add(*, program: Program, email: str, full_name: str, role: str) -> ProgramRole:
    """Add an organizer, mentor or evaluator to a program, creating the account if needed.

    An existing account keeps its name: the person (or the back office) corrects it, not the
    organizer of whichever program adds them, since the name is printed on other programs'
    certificates too.
    """
    user, _created = user_get_or_create(email=email, full_name=full_name)
    return program_role_grant(program=program, user=user, role=role)


@transaction.atomic
def mentor_assign(*, team: Team, mentor) -> MentorAssignment:
    """Make ``mentor`` guide ``team``. Only a mentor of the team's program can be assigned."""
    if not program_mentors(team.program_id).filter(pk=mentor.pk).exists():
        raise ValidationError(_("%(person)s is not a mentor of this program.") % {"person": mentor})
    assignment, _created = MentorAssignment.objects.get_or_create(team=team, mentor=mentor)
    forget_roles(mentor)
    return assignment


@transaction.atomic
def mentor_unassign(*, team: Team, mentor) -> None:
    MentorAssignment.objects.filter(team=team, mentor=mentor).delete()
    forget_roles(mentor)


# Importing participant lists ---------------------------------------------------------------------------------

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


@transaction.atomic
def participant_import_upload(*, program: Program, file, uploaded_by, team: Team | None = None,
                              send_invitations: bool = False) -> ParticipantImport:
    """Keep an uploaded participant list and preview what importing it would do to every row.

    Nothing is imported yet. The file must be an XLSX or CSV list by its
    content, within the size and row limits, with a recognisable header; rows
    without a region go to ``team``, which must be a team of this program.
    The copy is stored under a server-chosen name for the confirmation, and
    lists left unconfirmed for a day are discarded.
    """
    if team is not None and team.program_id != program.pk:
        raise ValidationError(_("Choose a team of this program."))
    checked = import_file_check(file)
    sheet = spreadsheet_read(file, checked.kind)
    if team is None and "region" not in sheet.headers and not any(row.values.get("region") for row in sheet.rows):
        raise ValidationError(_("This list has no Kabupaten/Kota column. Choose the team these people belong to, "
                                "or add the column."), code="import_file")
    outcome = participants_import_rows(program=program, sheet=sheet, default_team=team, dry_run=True)
    participant_imports_purge(program=program)
    upload = ParticipantImport(program=program, uploaded_by=uploaded_by, team=team,
                               send_invitations=send_invitations, preview=_preview_of(outcome, sheet))
    store_upload(upload, file, checked=checked)
    upload.save()
    return upload


@transaction.atomic
def participant_import_confirm(*, upload: ParticipantImport, confirmed_by):
    """Import a previewed list: every row, or nothing at all.

    Reads the stored copy again and runs the import for real in one
    transaction; if any row fails now (the program may have changed since the
    preview), everything is rolled back and the preview shows why. New
    accounts get no usable password; with ``send_invitations`` they are
    e-mailed a link to set one once the import is committed. Returns the
    outcome; ``outcome.ok`` says whether anything was written.
    """
    upload = ParticipantImport.objects.select_for_update(of=("self",)).select_related("program", "team").get(
        pk=upload.pk)
    if upload.status != ParticipantImport.Status.PREVIEWED:
        raise ValidationError(_("This list was already imported or discarded."))
    with upload.file.open("rb") as stored:
        sheet = spreadsheet_read(stored, upload.kind)
    try:
        with transaction.atomic():
            outcome = participants_import_rows(program=upload.program, sheet=sheet, default_team=upload.team,
                                               dry_run=False)
            if not outcome.ok:
                raise ImportRefused(outcome)
    except ImportRefused as refused:
        upload.preview = _preview_of(refused.outcome, sheet)
        upload.save(update_fields=["preview"])
        return refused.outcome
    invitees = [participant.user for participant in outcome.new_participants
                if upload.send_invitations and not participant.user.has_usable_password()]
    upload.status = ParticipantImport.Status.IMPORTED
    upload.imported_at = timezone.now()
    # The stored preview stays: the import did what it showed, row for row.
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
    upload.status = ParticipantImport.Status.DISCARDED
    upload.preview = {"counts": upload.preview.get("counts", {})}
    _delete_file_on_commit(upload)
    upload.save()


def participant_imports_purge(*, program: Program, older_than=IMPORT_KEEP_UNCONFIRMED) -> int:
    """Discard the program's lists that waited for confirmation longer than ``older_than``."""
    stale = ParticipantImport.objects.filter(program=program, status=ParticipantImport.Status.PREVIEWED,
                                             created_at__lt=timezone.now() - older_than)
    count = 0
    for upload in stale:
        participant_import_discard(upload=upload)
        count += 1
    return count


def _delete_file_on_commit(upload):
    delete_after_commit(upload.file)
    upload.file = ""


def users_invite(*, users, program, invited_by=None) -> None:
    """E-mail each of ``users`` the link to set a password, over one mail connection."""
    connection = get_connection()
    with connection:
        for user in users:
            user_invite(user=user, program=program, invited_by=invited_by, connection=connection)
