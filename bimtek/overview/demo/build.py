"""The demo programs, built through the services wherever a service exists.

This year's program is in mid-course (bimtek.overview.demo.calendar): stages I and
II done, most teams on track and three behind for a reason one can read
(an overdue chapter despite an extension, a clinic missed for the regional
planning meeting, a chapter still in revision), stage III under way, stage IV
ahead. Last year's program is finished, with certificates issued.
"""

import datetime
import random

from django.core.files.base import ContentFile

from bimtek.overview.demo.calendar import current_program_plan
from bimtek.overview.demo.people import invented_person
from bimtek.overview.demo.previous import demo_previous_program
from bimtek.overview.demo.regions import REGIONS
from bimtek.overview.services import program_create, stage_update
from bimtek.services import program_update
from certificates.demo import demo_certificates
from certificates.demo_logo import demo_logo_png
from evaluation.demo import demo_evaluation
from materials.demo import demo_materials
from participants import services as people
from participants.models import Participant, ProgramRole, Region
from sessions.demo import demo_sessions
from sessions.models import DEFAULT_LETTER_NUMBER_FORMAT
from sessions.services import letter_settings_update

PROGRAM_NAME = "Gerakan Menuju Smart City 2026"
JAYAPURA = 8  # the team (by its place in REGIONS) that missed its stage II clinic
DOMAIN = "bimtek.example"

STAFF = [
    ("organizer", "panitia", "Rahmawati Kusuma, S.Kom., M.T.I."),
    ("mentor", "mentor1", "Prof. Dr. Ir. Suhono Harso Wibowo, M.Sc."),
    ("mentor", "mentor2", "Dr. Dina Ayu Lestari, S.T., M.T."),
    ("mentor", "mentor3", "Ir. Benny Manurung, M.Kom."),
    ("evaluator", "evaluator", "Drs. Hendrik Tuanakotta, M.Si."),
]


def demo_program(*, rng: random.Random, today: datetime.date) -> list[str]:
    """Create the whole program and return the e-mail addresses that get the demo password."""
    logins = []
    staff = {}
    plans = current_program_plan(today)
    start, end = plans[1].start, plans[4].end + datetime.timedelta(days=14)
    first = people.user_get_or_create(email=f"panitia@{DOMAIN}", full_name=STAFF[0][2])[0]
    program = program_create(
        name=PROGRAM_NAME, year=2026, institution="Kementerian Komunikasi dan Digital",
        description="Bimbingan teknis penyusunan Masterplan Smart City bagi kabupaten/kota terpilih.",
        start_date=start, end_date=end, created_by=first,
    )
    program_update(program=program, status=program.Status.ACTIVE)
    demo_letterhead(program)
    stages = {}
    for stage in program.stages.all():
        plan = plans[stage.ordinal]
        stages[stage.ordinal] = stage_update(
            stage=stage, start_date=plan.start, end_date=plan.end,
            mode="hybrid" if stage.ordinal in (1, 4) else "onsite",
            venue="Di daerah masing-masing; pleno daring", meeting_url="https://meet.example.org/bimtek-sc-2026",
        )
    for role, local, name in STAFF:
        grant = people.staff_add(program=program, email=f"{local}@{DOMAIN}", full_name=name, role=role)
        staff.setdefault(role, []).append(grant.user)
        logins.append(grant.user.email)

    teams = []
    for index, (name, kind, province, zone) in enumerate(REGIONS):
        region = Region.objects.filter(name=name, kind=kind).first() or people.region_create(
            name=name, kind=kind, province=province, time_zone=zone)
        team = people.team_create(program=program, region=region)
        teams.append(team)
        people.mentor_assign(team=team, mentor=staff["mentor"][index % 3])
        slug = name.lower().replace(" ", "")
        for number in range(rng.randint(5, 15)):
            person = invented_person(rng)
            participant = people.participant_add(
                team=team, email=f"{slug}.{number + 1}@{DOMAIN}", full_name=person["full_name"],
                nip=person["nip"], position=person["position"], agency=person["agency"], phone=person["phone"],
                team_role=Participant.TeamRole.LEADER if number == 0 else Participant.TeamRole.MEMBER,
                group=rng.choice(Participant.Group.values),
            )
            if number == 0:
                logins.append(participant.user.email)

    dimensions = {d.name: d for d in program.dimensions.all()}
    demo_sessions(rng=rng, stages=stages, plans=plans, teams=teams, staff=staff, absences={
        (JAYAPURA, 2): "Bertepatan dengan Musrenbang kota; tim mengikuti rapat Wali Kota."})
    demo_materials(rng=rng, program=program, stages=stages, teams=teams, staff=staff, dimensions=dimensions)
    demo_certificates(program=program)
    previous = demo_previous_program(rng=rng, today=today, staff=staff, teams=teams)
    demo_letterhead(previous)  # its evaluation reports carry the ministry's letterhead and signatory
    demo_evaluation(rng=rng, program=previous, evaluator=staff["evaluator"][0], today=today,
                    second_email=f"evaluator2@{DOMAIN}")
    logins.append(f"evaluator2@{DOMAIN}")
    return logins


def demo_logins(program) -> list[tuple[str, str]]:
    rows = [(grant.get_role_display(), grant.user.email)
            for grant in ProgramRole.objects.filter(program=program, user__email__endswith=DOMAIN)
            .select_related("user").order_by("role", "user__email")]
    leader = (Participant.objects.filter(team__program=program, team_role=Participant.TeamRole.LEADER,
                                         team__region__name="Kotawaringin Timur").select_related("user").first())
    if leader:
        rows.append(("Peserta", leader.user.email))
    return rows


def demo_letterhead(program) -> None:
    """The ministry's letterhead (kop) on the program's Daftar Hadir and invitation letters."""
    letter_settings_update(
        program=program, letterhead_logo=ContentFile(demo_logo_png(), name="lambang.png"),
        letterhead_lines="KEMENTERIAN KOMUNIKASI DAN DIGITAL\nDIREKTORAT JENDERAL APLIKASI INFORMATIKA\n"
                         "Jalan Medan Merdeka Barat Nomor 9, Jakarta 10110 · Telepon (021) 3452841",
        number_format=DEFAULT_LETTER_NUMBER_FORMAT, official_name="Dr. Ir. Bambang Santoso, M.T.",
        official_position="Direktur Layanan Aplikasi Informatika Pemerintahan", official_nip="197003152000031002")
