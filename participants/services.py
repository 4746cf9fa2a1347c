"""State changes for regions, teams, people and roles, and the import of participant lists."""


from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bimtek.accounts import accounts_by_login, user_invite
from bimtek.models import AuditAction, Program
from bimtek.program_cache import program_data_changed
from bimtek.services import audit_person, audit_record
from participants.models import MentorAssignment, Participant, ProgramRole, Region, Team
from participants.roles import forget_roles
from participants.selectors import program_mentors
from participants.zones import person_time_zone

User = get_user_model()


@transaction.atomic
def region_create(*, name: str, kind: str, province: str, time_zone: str) -> Region:
    region = Region(name=name.strip(), kind=kind, province=province.strip(), time_zone=time_zone)
    region.full_clean()
    region.save()
    return region


@transaction.atomic
def team_create(*, program: Program, region: Region) -> Team:
    program_data_changed(program)
    if Team.objects.filter(program=program, region=region).exists():
        raise ValidationError(_("%(region)s already has a team in this program.") % {"region": region})
    return Team.objects.create(program=program, region=region)


@transaction.atomic
def team_update(*, team: Team, focus_dimension=None) -> Team:
    """Set the dimension a team puts first; it must be one of the team's program."""
    program_data_changed(team.program_id)
    if focus_dimension is not None and focus_dimension.program_id != team.program_id:
        raise ValidationError(_("Choose a dimension of this program."))
    team.focus_dimension = focus_dimension
    team.save(update_fields=["focus_dimension"])
    return team


UNCONFIRMED_LOGIN = gettext_lazy(
    "%(email)s is the login of an account that never confirmed it, so it identifies nobody here. Ask the back "
    "office to check that account first.")


def user_get_or_create(*, email: str, full_name: str = "") -> tuple[User, bool]:
    """The account whose confirmed address this is, or a new one without a usable password.

    People set their own password from the invitation link; nobody else ever knows it. An address that is
    an account's login without being confirmed (bimtek.accounts) finds no one and is refused.
    """
    email = email.strip().lower()
    found, unconfirmed = accounts_by_login([email])
    user = found.get(email)
    if user:
        if full_name and not user.full_name:
            user.full_name = full_name
            user.save(update_fields=["full_name"])
        return user, False
    if unconfirmed:
        raise ValidationError(UNCONFIRMED_LOGIN % {"email": email})
    return User.objects.create_user(email=email, full_name=full_name.strip()), True


@transaction.atomic
def participant_add(*, team: Team, email: str, full_name: str, nip: str = "", position: str = "",
                    agency: str = "", phone: str = "", team_role: str = Participant.TeamRole.MEMBER,
                    group: str = "") -> Participant:
    """Put a person on a team. A person belongs to at most one team per program.

    The person sees times in their region's zone (participants.zones).
    """
    program_data_changed(team.program_id)
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
    participant_zone_apply(participant=participant)
    forget_roles(user)
    return participant


@transaction.atomic
def participant_zone_apply(*, participant: Participant) -> None:
    """Give the person the zone participants.zones decides for them on this team (their region's)."""
    user = participant.user
    zone = person_time_zone(user=user, team=participant.team)
    if user.time_zone != zone:
        user.time_zone = zone
        user.save(update_fields=["time_zone"])


@transaction.atomic
def participant_update(*, participant: Participant, **fields) -> Participant:
    program_data_changed(participant.team.program_id)
    for field, value in fields.items():
        setattr(participant, field, value)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_remove(*, participant: Participant) -> None:
    """Take a person off a team. Someone who holds a certificate stays: revoke it first."""
    program_data_changed(participant.team.program_id)
    if participant.certificates.exists():
        raise ValidationError(_("%(name)s holds a certificate of this program and stays on the team; "
                                "revoke the certificate first.") % {"name": participant.full_name})
    participant.delete()


@transaction.atomic
def program_role_grant(*, program: Program, user, role: str, full_name: str = "") -> ProgramRole:
    """Give ``user`` a role in ``program``, listed there as ``full_name`` (default: the account's name)."""
    program_data_changed(program)
    if role not in ProgramRole.Role.values:
        raise ValidationError(_("Unknown role."))
    full_name = full_name.strip() or user.full_name
    grant, created = ProgramRole.objects.get_or_create(program=program, user=user, role=role,
                                                       defaults={"full_name": full_name})
    if not created and grant.full_name != full_name:
        grant.full_name = full_name
        grant.save(update_fields=["full_name"])
    forget_roles(user)
    if created:
        audit_record(program=program, action=AuditAction.ROLE_GRANTED, subject=audit_person(user),
                     detail=str(grant.get_role_display()))
    return grant


@transaction.atomic
def program_role_revoke(*, grant: ProgramRole) -> None:
    program_data_changed(grant.program_id)
    if grant.role == ProgramRole.Role.ORGANIZER and not ProgramRole.objects.filter(
        program=grant.program, role=ProgramRole.Role.ORGANIZER
    ).exclude(pk=grant.pk).exists():
        raise ValidationError(_("A program keeps at least one organizer."))
    if grant.role == ProgramRole.Role.MENTOR:
        for assignment in MentorAssignment.objects.filter(mentor=grant.user, team__program=grant.program
                                                          ).select_related("team__region", "team__program", "mentor"):
            _mentor_unassigned(assignment)
    grant.delete()
    forget_roles(grant.user)
    audit_record(program=grant.program, action=AuditAction.ROLE_REVOKED, subject=audit_person(grant.user),
                 detail=str(grant.get_role_display()))


@transaction.atomic
def staff_add(*, program: Program, email: str, full_name: str, role: str, agency: str = "", position: str = "",
              nip: str = "") -> ProgramRole:
    """Add an organizer, mentor or evaluator to a program, creating the account if needed.

    An existing account keeps its name: the person (or the back office) corrects it, not the
    organizer of whichever program adds them, since the name is printed on other programs'
    certificates too. The program lists the person by the name its organizer typed, so adding an
    address tells the organizer nothing about whether, or as whom, it already has an account.
    Institution, position and NIP belong to the role in this program (adding the same person and role
    again updates them); a NIP is 18 digits.
    """
    user, _created = user_get_or_create(email=email, full_name=full_name)
    grant = program_role_grant(program=program, user=user, role=role, full_name=full_name)
    grant.agency, grant.position, grant.nip = agency.strip(), position.strip(), nip
    grant.full_clean(exclude=["program", "user"])
    grant.save(update_fields=["agency", "position", "nip"])
    return grant


@transaction.atomic
def mentor_assign(*, team: Team, mentor) -> MentorAssignment:
    """Make ``mentor`` guide ``team``. Only a mentor of the team's program can be assigned."""
    program_data_changed(team.program_id)
    if not program_mentors(team.program_id).filter(pk=mentor.pk).exists():
        raise ValidationError(_("%(person)s is not a mentor of this program.") % {"person": mentor})
    assignment, created = MentorAssignment.objects.get_or_create(team=team, mentor=mentor)
    forget_roles(mentor)
    if created:
        audit_record(program=team.program, action=AuditAction.MENTOR_ASSIGNED, subject=audit_person(mentor),
                     detail=str(team))
    return assignment


@transaction.atomic
def mentor_unassign(*, team: Team, mentor) -> None:
    program_data_changed(team.program_id)
    for assignment in MentorAssignment.objects.filter(team=team, mentor=mentor).select_related(
            "team__region", "team__program", "mentor"):
        _mentor_unassigned(assignment)
    forget_roles(mentor)


def _mentor_unassigned(assignment: MentorAssignment) -> None:
    assignment.delete()
    audit_record(program=assignment.team.program, action=AuditAction.MENTOR_UNASSIGNED,
                 subject=audit_person(assignment.mentor), detail=str(assignment.team))


def users_invite(*, users, program, invited_by=None) -> None:
    """E-mail each of ``users`` the link to set a password (each sent by a worker, retried)."""
    for user in users:
        user_invite(user=user, program=program, invited_by=invited_by)
