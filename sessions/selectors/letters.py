"""Reads for the letterhead and the invitation letters (Surat Undangan) of a stage."""

import zoneinfo

from django.utils import timezone

from bimtek.formats import long_date_id, place_id, time_range_id
from bimtek.official import Letterhead
from participants.models import Region, Team
from sessions.letters import InvitationLetterData, LetterMember, LetterSession
from sessions.models import InvitationLetter, LetterSettings, TrainingSession
from sessions.selectors.schedule import program_settings


def letter_settings(program):
    """The program's letter settings, or the defaults (unsaved) when an organizer never set them."""
    return program_settings(program, LetterSettings, "_letter_settings")


def letterhead(program) -> Letterhead | None:
    """The program's letterhead (its lines and logo), or None when it has none."""
    settings = letter_settings(program)
    logo = None
    if settings.letterhead_logo:
        with settings.letterhead_logo.open("rb") as file:
            logo = file.read()
    head = Letterhead(lines=settings.letterhead_line_list, logo=logo)
    return head or None


def stage_teams(stage, team=None) -> list:
    """The program's teams (or the one ``team``) with their regions and members, in the order letters go out."""
    teams = Team.objects.filter(program_id=stage.program_id).select_related("region").prefetch_related(
        "participants")
    if team is not None:
        teams = teams.filter(pk=team.pk)
    return sorted(teams, key=lambda t: (t.region.province.casefold(), t.region.name.casefold()))


def numbered_letters(stage, teams) -> dict:
    """The invitation letters of the stage already numbered for ``teams``: {team id: InvitationLetter}."""
    return {letter.team_id: letter for letter in InvitationLetter.objects.filter(stage=stage, team__in=teams)}


def addressee(region) -> str:
    """'Bupati Kotawaringin Timur' for a kabupaten, 'Wali Kota Palangka Raya' for a kota."""
    return f"{'Wali Kota' if region.kind == Region.Kind.KOTA else 'Bupati'} {region.name}"


def invitation_letters(stage, teams, *, numbers: dict, policy) -> list:
    """The letters' data for ``teams`` (from ``stage_teams``): one query for the stage's sessions.

    Each region sees the sessions it is expected at (not cancelled), with dates
    and times in its own zone, the zone named.
    """
    sessions = list(TrainingSession.objects.filter(stage=stage, cancelled_at__isnull=True)
                    .prefetch_related("expected_teams").order_by("starts_at", "title"))
    expected = {s.pk: {t.pk for t in s.expected_teams.all()} for s in sessions}
    settings = letter_settings(stage.program)
    head = letterhead(stage.program)
    letters = []
    for team in teams:
        zone = zoneinfo.ZoneInfo(team.region.time_zone)
        rows = [LetterSession(title=s.title, date=long_date_id(timezone.localtime(s.starts_at, zone).date()),
                              time=time_range_id(s.starts_at, s.ends_at, zone),
                              place=place_id(s.venue, s.meeting_url))
                for s in sessions if s.all_teams or team.pk in expected[s.pk]]
        members = sorted(team.participants.all(), key=lambda p: (p.team_role != "leader", p.full_name.casefold()))
        letter = numbers[team.pk]
        letters.append(InvitationLetterData(
            number=letter.number, place=policy.place, date=long_date_id(letter.dated, with_day=False),
            addressee=addressee(team.region), region=str(team.region), zone=team.region.zone_label,
            program=stage.program.name, institution=stage.program.institution,
            stage=f"Tahap {stage.roman}: {stage.title}", stage_roman=stage.roman,
            stage_dates=_date_span(stage.start_date, stage.end_date), sessions=rows,
            members=[LetterMember(name=p.full_name, nip=p.nip, position=p.position, agency=p.agency)
                     for p in members],
            official_name=settings.official_name or policy.official_name,
            official_position=settings.official_position or policy.official_position,
            official_nip=settings.official_nip or policy.official_nip, letterhead=head))
    return letters


def _date_span(first, last) -> str:
    return long_date_id(first) if first == last else f"{long_date_id(first)} s.d. {long_date_id(last)}"
