"""State changes for regions, teams, people and roles, and the import of participant lists."""


from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bimtek.accounts import user_invite
from bimtek.models import Program
from participants.models import MentorAssignment, Participant, ProgramRole, Region, Team
from participants.roles import forget_roles

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
    if not ProgramRole.objects.filter(program_id=team.program_id, user=mentor, role=ProgramRole.Role.MENTOR).exists():
        raise ValidationError(_("%(person)s is not a mentor of this program.") % {"person": mentor})
    assignment, _created = MentorAssignment.objects.get_or_create(team=team, mentor=mentor)
    forget_roles(mentor)
    return assignment


@transaction.atomic
def mentor_unassign(*, team: Team, mentor) -> None:
    MentorAssignment.objects.filter(team=team, mentor=mentor).delete()
    forget_roles(mentor)


def users_invite(*, users, program, invited_by=None) -> None:
    """E-mail each of ``users`` the link to set a password (each sent by a worker, retried)."""
    for user in users:
        user_invite(user=user, program=program, invited_by=invited_by)
