"""A program at the size of the whole country, for benchmarks and load runs (``seed_scale``).

The demo (bimtek.overview.demo) is built through the services, one person at a
time, as a believable program of ten regions. This builds the national case —
514 kabupaten/kota of 80 people each, 41,120 participants, a plenary and clinics
in every stage, hundreds of thousands of attendance rows, drafts and
certificates — with bulk inserts, so it takes minutes and not hours. The rows
are the ones the services would write (same statuses, same constraints); only
the per-row work of the services (e-mails, files per version, numbering locks)
is left out: every draft version points at one shared PDF.
"""

import datetime
import hashlib
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from bimtek.numbering import format_number
from bimtek.overview.demo.people import invented_person
from bimtek.overview.services import program_create
from certificates.models import Certificate, CertificateSettings, CertificateTemplate
from materials.demo import demo_pdf
from materials.models import Assignment, DraftVersion, Feedback, Submission
from participants.models import MentorAssignment, Participant, ProgramRole, Region, Team
from participants.provinces import PROVINCES
from sessions.models import Attendance, TrainingSession

BATCH = 5000
STATUSES = (["hadir"] * 76) + (["terlambat"] * 8) + (["izin"] * 6) + (["tidak_hadir"] * 10)


@dataclass(frozen=True)
class ScaleSize:
    regions: int = 514
    team_size: int = 80
    clinics_per_stage: int = 39
    assignments_per_stage: int = 3
    versions: int = 3
    teams_per_mentor: int = 2


def build_scale_program(*, size: ScaleSize, name: str, today: datetime.date,
                        progress: Callable[[str], None] = print, rng: random.Random | None = None):
    """Create one program of ``size`` and return it. Stages I–III lie in the past, stage IV ahead."""
    rng = rng or random.Random(514)
    clock = time.monotonic()

    def step(message):
        progress(f"[{time.monotonic() - clock:6.1f} s] {message}")

    User = get_user_model()
    unusable = make_password(None)
    with transaction.atomic():
        organizer = User.objects.create(email=f"panitia@{_slug(name)}.scale.example", full_name="Panitia Nasional",
                                        password=unusable)
        program = program_create(name=name, year=today.year, institution="Kementerian Komunikasi dan Digital",
                                 start_date=today - datetime.timedelta(days=120),
                                 end_date=today + datetime.timedelta(days=30), created_by=organizer)
        stages = list(program.stages.order_by("ordinal"))
        for stage, offset in zip(stages, (-110, -75, -40, 20), strict=False):
            stage.start_date = today + datetime.timedelta(days=offset)
            stage.end_date = stage.start_date + datetime.timedelta(days=1)
            stage.save(update_fields=["start_date", "end_date"])
        step(f"program {program.name}: {len(stages)} stages")

        teams = _teams(program, size, step)
        members = _participants(teams, size, rng, step, unusable)
        mentors = _mentors(program, teams, size, step, unusable)
        sessions = _sessions(program, stages, teams, mentors, size, step)
        _attendance(sessions, members, rng, today, step)
        _drafts(program, stages, teams, mentors, size, rng, today, step)
        _certificates(program, organizer, members, rng, step)
    if connection.vendor == "postgresql":
        # Hundreds of thousands of rows just arrived; without fresh statistics PostgreSQL plans the first
        # queries as if the tables were empty (a measured load run: p95 32 s before, 4.5 s after).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        step("statistics updated (ANALYZE)")
    step("done")
    return program


def _slug(name):
    return hashlib.sha1(name.encode()).hexdigest()[:8]


def _teams(program, size, step):
    provinces = list(PROVINCES.items())
    regions = []
    for number in range(size.regions):
        province, (zone, _aliases) = provinces[number % len(provinces)]
        regions.append(Region(name=f"Contoh {number + 1:03d}", kind="kabupaten" if number % 5 else "kota",
                              province=province, time_zone=zone))
    existing = {(r.name, r.kind): r for r in Region.objects.filter(name__startswith="Contoh ")}
    fresh = [r for r in regions if (r.name, r.kind) not in existing]
    Region.objects.bulk_create(fresh, batch_size=BATCH)
    existing.update({(r.name, r.kind): r for r in Region.objects.filter(name__startswith="Contoh ")})
    teams = Team.objects.bulk_create(
        [Team(program=program, region=existing[(r.name, r.kind)]) for r in regions], batch_size=BATCH)
    step(f"{len(teams)} regions and teams")
    return list(Team.objects.filter(program=program).select_related("region").order_by("pk"))


def _participants(teams, size, rng, step, password):
    User = get_user_model()
    prefix = _slug(str(teams[0].program_id))
    users = []
    for team in teams:
        for number in range(size.team_size):
            users.append(User(email=f"{prefix}.{team.pk}.{number}@scale.example", full_name="",
                              time_zone=team.region.time_zone, password=password))
    User.objects.bulk_create(users, batch_size=BATCH)
    by_email = dict(User.objects.filter(email__startswith=f"{prefix}.").values_list("email", "pk"))
    groups = list(Participant.Group.values)
    people = []
    for team in teams:
        for number in range(size.team_size):
            person = invented_person(rng)
            people.append(Participant(
                user_id=by_email[f"{prefix}.{team.pk}.{number}@scale.example"], team=team,
                full_name=person["full_name"], nip=person["nip"], position=person["position"],
                agency=person["agency"], phone=person["phone"], group=groups[number % len(groups)],
                team_role=Participant.TeamRole.LEADER if number == 0 else Participant.TeamRole.MEMBER))
    Participant.objects.bulk_create(people, batch_size=BATCH)
    step(f"{len(people)} participants")
    return list(Participant.objects.filter(team__in=teams).values_list("pk", "user_id", "team_id"))


def _mentors(program, teams, size, step, password):
    User = get_user_model()
    count = max(1, -(-len(teams) // size.teams_per_mentor))
    prefix = _slug(f"mentor{program.pk}")
    User.objects.bulk_create([User(email=f"{prefix}.{n}@scale.example", full_name=f"Narasumber {n + 1}",
                                   password=password) for n in range(count)], batch_size=BATCH)
    mentors = list(User.objects.filter(email__startswith=f"{prefix}.").order_by("pk"))
    ProgramRole.objects.bulk_create([ProgramRole(program=program, user=m, role="mentor") for m in mentors])
    ProgramRole.objects.bulk_create([
        ProgramRole(program=program, user=User.objects.create(
            email=f"{prefix}.evaluator{n}@scale.example", full_name=f"Evaluator {n + 1}", password=password),
            role="evaluator") for n in range(5)])
    MentorAssignment.objects.bulk_create(
        [MentorAssignment(team=team, mentor=mentors[i // size.teams_per_mentor]) for i, team in enumerate(teams)],
        batch_size=BATCH)
    step(f"{len(mentors)} mentors assigned, 5 evaluators")
    return mentors


def _sessions(program, stages, teams, mentors, size, step):
    wib = zoneinfo.ZoneInfo("Asia/Jakarta")
    made = []
    per_clinic = max(1, -(-len(teams) // size.clinics_per_stage))
    for stage in stages:
        start = datetime.datetime.combine(stage.start_date, datetime.time(8), tzinfo=wib)
        plenary = TrainingSession.objects.create(
            stage=stage, title=f"Pleno Nasional Tahap {stage.ordinal}", kind=TrainingSession.Kind.PLENARY,
            starts_at=start, ends_at=start + datetime.timedelta(hours=2), time_zone="Asia/Jakarta",
            venue="Daring (Zoom)", all_teams=True)
        plenary.mentors.set(mentors[:10])
        made.append((plenary, None))
        for index in range(size.clinics_per_stage):
            group = teams[index * per_clinic:(index + 1) * per_clinic]
            if not group:
                break
            begins = start + datetime.timedelta(hours=3 + index % 4)
            clinic = TrainingSession.objects.create(
                stage=stage, title=f"Klinik Wilayah {index + 1}", kind=TrainingSession.Kind.CLINIC,
                starts_at=begins, ends_at=begins + datetime.timedelta(hours=2), time_zone=group[0].region.time_zone,
                venue=f"Ruang Klinik {index + 1}", all_teams=False)
            clinic.expected_teams.set(group)
            clinic.mentors.set({mentors[teams.index(t) // size.teams_per_mentor] for t in group[:1]})
            made.append((clinic, {t.pk for t in group}))
    step(f"{len(made)} sessions")
    return made


def _attendance(sessions, members, rng, today, step):
    now = timezone.now()
    rows = 0
    for session, team_ids in sessions:
        if session.ends_at > now:
            continue
        batch = [Attendance(session=session, person_id=user_id, status=rng.choice(STATUSES),
                            method=Attendance.Method.MARKED, checked_in_at=session.starts_at)
                 for _pk, user_id, team_id in members if team_ids is None or team_id in team_ids]
        Attendance.objects.bulk_create(batch, batch_size=BATCH)
        rows += len(batch)
    step(f"{rows} attendance rows")


def _drafts(program, stages, teams, mentors, size, rng, today, step):
    pdf = demo_pdf(["Draf masterplan smart city (data skala nasional)."])
    path = default_storage.save("drafts/scale/shared-draft.pdf", ContentFile(pdf))
    digest = hashlib.sha256(pdf).hexdigest()
    dimensions = list(program.dimensions.order_by("order"))
    now = timezone.now()
    versions = feedback = 0
    for stage in stages:
        due = datetime.datetime.combine(stage.end_date + datetime.timedelta(days=14), datetime.time(23, 59),
                                        tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
        for number in range(size.assignments_per_stage):
            assignment = Assignment.objects.create(
                stage=stage, dimension=dimensions[number % len(dimensions)], due_at=due,
                title=f"Bab {stage.ordinal}.{number + 1}", instructions="Unggah draf bab ini.")
            if stage.start_date > today:
                continue
            submissions = Submission.objects.bulk_create(
                [Submission(team=team, assignment=assignment) for team in teams], batch_size=BATCH)
            made, notes, statuses = [], [], []
            for submission in submissions:
                count = rng.randint(1, size.versions)
                uploaded = due - datetime.timedelta(days=count + 2)
                for n in range(1, count + 1):
                    made.append(DraftVersion(submission=submission, number=n, file=path,
                                             original_name=f"draf-v{n}.pdf", size=len(pdf), sha256=digest,
                                             kind="pdf", uploaded_at=min(uploaded + datetime.timedelta(days=n),
                                                                         now)))
                approved = rng.random() < 0.7 and due < now
                statuses.append((submission, count, approved))
            DraftVersion.objects.bulk_create(made, batch_size=BATCH)
            versions += len(made)
            latest = {(v.submission_id, v.number): v for v in
                      DraftVersion.objects.filter(submission__assignment=assignment).only("pk", "submission_id",
                                                                                             "number")}
            for submission, count, approved in statuses:
                for n in range(1, count + 1):
                    last = n == count
                    if last and not (approved or due < now):
                        submission.status = Submission.Status.SUBMITTED
                        submission.waiting_since = now - datetime.timedelta(days=rng.randint(0, 6))
                        break
                    decision = Feedback.Decision.APPROVE if last and approved else Feedback.Decision.REVISION
                    notes.append(Feedback(version_id=latest[(submission.pk, n)].pk, comment="Masukan narasumber.",
                                          decision=decision, mentor=mentors[0],
                                          waited=datetime.timedelta(days=2)))
                    if last:
                        submission.status = (Submission.Status.APPROVED if approved
                                             else Submission.Status.REVISION_REQUESTED)
            Feedback.objects.bulk_create(notes, batch_size=BATCH)
            feedback += len(notes)
            Submission.objects.bulk_update(submissions, ["status", "waiting_since"], batch_size=BATCH)
    step(f"{versions} draft versions, {feedback} feedback")


def _certificates(program, organizer, members, rng, step):
    settings, _ = CertificateSettings.objects.get_or_create(program=program)
    template = CertificateTemplate.objects.create(program=program, body="Telah mengikuti {program}.")
    issued = timezone.now()
    rows = []
    sequence = 0
    for pk, _user_id, _team_id in members:
        if rng.random() > 0.78:
            continue
        sequence += 1
        rows.append(Certificate(
            program=program, template=template, sequence=sequence, participant_id=pk,
            number=format_number(settings.number_format, sequence=sequence, on=issued.date()),
            holder_name=f"Peserta {pk}", role_label="Peserta", issued_at=issued, issued_by=organizer))
    Certificate.objects.bulk_create(rows, batch_size=BATCH)
    CertificateSettings.objects.filter(pk=settings.pk).update(last_sequence=sequence)
    step(f"{len(rows)} certificates")
