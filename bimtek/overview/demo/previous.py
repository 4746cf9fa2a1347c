"""Last year's demo program: finished, every team through its four stages, certificates issued.

Four regions took part (one per zone and Kotawaringin Timur); their teams
were, for the most part, the same people as this year's, so a participant who
logs in finds last year's certificate next to this year's work.
"""

import datetime
import random

from django.core.files.base import ContentFile

from bimtek.overview.demo.calendar import previous_program_plan
from bimtek.overview.services import program_create, stage_update
from bimtek.services import program_update
from certificates.demo import demo_certificates
from materials import services as materials
from materials.demo import demo_pdf, draft_paragraphs
from participants import services as people
from sessions.demo import demo_sessions

PREVIOUS_NAME = "Gerakan Menuju Smart City 2025"
PREVIOUS_REGIONS = ("Kotawaringin Timur", "Banyuwangi", "Makassar", "Jayapura")
MEMBERS = 6


def demo_previous_program(*, rng: random.Random, today: datetime.date, staff: dict, teams: list):
    """``teams``: this year's teams; last year's are made of the first members of those in PREVIOUS_REGIONS.
    Returns last year's program."""
    plans = previous_program_plan(today)
    organizer = staff["organizer"][0]
    start, end = plans[1].start, plans[4].end + datetime.timedelta(days=14)
    program = program_create(
        name=PREVIOUS_NAME, year=start.year, institution="Kementerian Komunikasi dan Digital",
        description="Bimbingan teknis penyusunan Masterplan Smart City, angkatan sebelumnya.",
        start_date=start, end_date=end, created_by=organizer)
    stages = {}
    for stage in program.stages.all():
        plan = plans[stage.ordinal]
        stages[stage.ordinal] = stage_update(stage=stage, start_date=plan.start, end_date=plan.end,
                                             mode="hybrid", venue="Di daerah masing-masing; pleno daring",
                                             meeting_url="https://meet.example.org/bimtek-sc-2025")
    for role, users in staff.items():
        for user in users:
            people.program_role_grant(program=program, user=user, role=role)
    previous_teams = []
    for team in teams:
        if team.region.name not in PREVIOUS_REGIONS:
            continue
        previous = people.team_create(program=program, region=team.region)
        people.mentor_assign(team=previous, mentor=staff["mentor"][len(previous_teams) % len(staff["mentor"])])
        for member in team.participants.order_by("pk").select_related("user")[:MEMBERS]:
            people.participant_add(team=previous, email=member.user.email, full_name=member.full_name,
                                   nip=member.nip, position=member.position, agency=member.agency,
                                   phone=member.phone, team_role=member.team_role, group=member.group)
        previous_teams.append(previous)
    demo_sessions(rng=rng, stages=stages, plans=plans, teams=previous_teams, staff=staff, online_report_stage=0)
    final = materials.assignment_create(
        stage=stages[4], title="Dokumen Masterplan Final", created_by=organizer,
        instructions="Masterplan Smart City lima tahun dan rencana jangka pendek satu tahun, versi final.",
        due_at=program.end_of_day(stages[4].end_date + datetime.timedelta(days=10)))
    for index, team in enumerate(previous_teams):
        sent = program.end_of_day(stages[4].end_date + datetime.timedelta(days=3 + index)) - datetime.timedelta(
            hours=8)
        content = demo_pdf(draft_paragraphs(final.title, str(team), 3))
        version = materials.draft_submit(assignment=final, team=team, uploaded_by=team.participants.first().user,
                                         file=ContentFile(content, name="Masterplan final.pdf"), now=sent,
                                         notify=False)
        materials.feedback_give(version=version, mentor=staff["mentor"][index % len(staff["mentor"])],
                                comment="Masterplan final disetujui.", decision="approve", notify=False,
                                now=sent + datetime.timedelta(days=2))
    program_update(program=program, status=program.Status.CLOSED)
    demo_certificates(program=program, signed_on=end, issue_by=organizer,
                      now=program.end_of_day(end) - datetime.timedelta(hours=14))
    return program
