"""Reads for the home pages and program screens, each a fixed number of queries."""

import rules
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from bimtek.models import Program
from bimtek.program_cache import DRAFTS, cached_programs_figures
from bimtek.selectors import ordered_stages
from certificates.models import Certificate
from certificates.selectors import kept_held_certificates
from evaluation.selectors.rounds import team_round_entries
from materials.models import Assignment, DraftVersion
from materials.selectors import kept_review_queue, kept_standings, program_assignments, waiting_since
from participants import roles
from participants.models import Participant, ProgramRole, Team
from participants.selectors import mentored_teams
from sessions.models import TrainingSession
from sessions.selectors import own_attendances


def programs_counts(programs) -> dict:
    """Program id -> how many teams, participants, mentors, evaluators, sessions, assignments, drafts and
    certificates it has, and ``waiting``: (drafts waiting for a decision, since when the longest waits).

    Kept in the cache until the program's data changes (bimtek.program_cache): a national program's
    participants, drafts and certificates take tens of milliseconds to count. Nine queries for the programs not
    kept, however many."""
    return cached_programs_figures(programs, "program-counts", _count_programs, depends_on=(DRAFTS,))


def _count_programs(programs) -> dict:

    def per_program(queryset, path):
        return dict(queryset.values_list(path).annotate(n=Count("pk")).order_by())

    teams = per_program(Team.objects.filter(program__in=programs), "program")
    participants = per_program(Participant.objects.filter(team__program__in=programs), "team__program")
    mentors = per_program(ProgramRole.objects.filter(program__in=programs, role=roles.MENTOR), "program")
    evaluators = per_program(ProgramRole.objects.filter(program__in=programs, role=roles.EVALUATOR), "program")
    sessions = per_program(TrainingSession.objects.filter(stage__program__in=programs, cancelled_at__isnull=True),
                           "stage__program")
    assignments = per_program(Assignment.objects.filter(stage__program__in=programs), "stage__program")
    drafts = per_program(DraftVersion.objects.filter(submission__team__program__in=programs),
                         "submission__team__program")
    certificates = per_program(Certificate.objects.filter(program__in=programs, revoked_at__isnull=True), "program")
    waiting = waiting_since(programs)
    return {p.pk: {"waiting": waiting[p.pk], "teams": teams.get(p.pk, 0), "participants": participants.get(p.pk, 0),
                   "mentors": mentors.get(p.pk, 0), "evaluators": evaluators.get(p.pk, 0),
                   "sessions": sessions.get(p.pk, 0), "assignments": assignments.get(p.pk, 0),
                   "drafts": drafts.get(p.pk, 0), "certificates": certificates.get(p.pk, 0)}
            for p in programs}


def program_counts(program: Program) -> dict:
    return programs_counts([program])[program.pk]


def _by_program(items, program_id_of) -> dict:
    grouped = {}
    for item in items:
        grouped.setdefault(program_id_of(item), []).append(item)
    return grouped


def mentor_upcoming_sessions(programs, mentor, *, limit=5) -> dict:
    """Program id -> the next sessions a mentor's home lists: every all-team session (even before any team is
    assigned to them), those they mentor and those expecting their teams. One query for the programs whose
    sessions are not kept.

    Kept in the cache until the program's sessions, teams or mentors change (bimtek.program_cache): building
    the query is most of a mentor's home. Every session not over when counted is kept, and those over since are
    dropped here, so the list is the one a query now would give."""

    def upcoming(missing):
        mentored = Team.objects.filter(program__in=missing, mentor_assignments__mentor=mentor).values("pk")
        sessions = (TrainingSession.objects.filter(stage__program__in=missing, cancelled_at__isnull=True,
                                                   ends_at__gte=timezone.now())
                    .filter(Q(all_teams=True) | Q(pk__in=TrainingSession.objects.expecting(mentored, mentor=mentor)
                                                  .values("pk")))
                    .select_related("stage").order_by("starts_at"))
        return {p.pk: [] for p in missing} | _by_program(sessions, lambda s: s.stage.program_id)

    now = timezone.now()
    kept = cached_programs_figures(programs, f"mentor-upcoming-sessions:{mentor.pk}", upcoming, depends_on=())
    return {pk: [s for s in sessions if s.ends_at >= now][:limit] for pk, sessions in kept.items()}


def home_panels(user, *, now=None) -> list[dict]:
    """One panel per program the person has a role in, with each of their roles' data.

    Every read covers all the person's programs at once, so the page runs the same number of queries
    however many programs they are in.
    """

    now = now or timezone.now()
    programs = list(roles.user_programs(user))
    roles.prime_roles(user, programs)  # the rules below then read the roles without a query per program
    panels = {p.pk: {"program": p} for p in programs}

    def having(section):
        # The rule set itself (bimtek.overview.rules), as the page's {% test_rule %} asks it.
        return [p for p in programs if rules.test_rule(f"overview.home_{section}", user, p)]

    organized, mentored, evaluated, joined = (having(section) for section in (
        "organizer", "mentor", "evaluator", "participant"))
    if organized:
        counts = programs_counts(organized)
        for p in organized:
            waiting, since = counts[p.pk]["waiting"]
            panels[p.pk].update(counts=counts[p.pk],
                                waiting={"count": waiting, "oldest": now - since if since else None})
    if mentored:
        teams = mentored_teams(mentored, user)
        queue = kept_review_queue(mentored, mentor=user, now=now)
        sessions = mentor_upcoming_sessions(mentored, user)
        for p in mentored:
            panels[p.pk].update(mentor_teams=teams[p.pk], mentor_waiting=queue[p.pk],
                                mentor_sessions=sessions.get(p.pk, []))
    if evaluated:
        # A count and the way to the paged, searchable teams list: a national program has 514 teams.
        team_counts = dict(Team.objects.filter(program__in=evaluated).values_list("program")
                           .annotate(n=Count("pk")).order_by())
        for p in evaluated:
            panels[p.pk]["team_count"] = team_counts.get(p.pk, 0)
    if joined:
        participations = {}
        for participation in (Participant.objects.filter(user=user, team__program__in=joined)
                              .select_related("team__region").order_by("pk")):
            participations.setdefault(participation.team.program_id, participation)
        stages = ordered_stages(joined)
        assignments = program_assignments(joined)
        grid = kept_standings(assignments, [p.team for p in participations.values()], now=now)
        attendance = own_attendances(joined, user, now=now)
        # eval_self: the team's evaluation rounds (open or finalised), one query for every program.
        round_entries = _by_program(team_round_entries(p.team_id for p in participations.values()),
                                    lambda entry: entry.round.program_id)
        for p in joined:
            team = participations[p.pk].team
            panels[p.pk].update(participation=participations[p.pk], stages=stages.get(p.pk, []),
                                assignments=[grid[(team.pk, a.pk)] for a in assignments
                                             if a.stage.program_id == p.pk],
                                own_attendance=attendance[p.pk], round_entries=round_entries.get(p.pk, []))
    holders = joined + [p for p in mentored if p not in joined]
    if holders:
        for certificates in kept_held_certificates(user, holders).values():
            for certificate in certificates:
                key = "mentor_certificates" if certificate.mentor_id == user.pk else "participant_certificates"
                panels[certificate.program_id].setdefault(key, []).append(certificate)
    return list(panels.values())


def audit_events(program: Program, *, action: str = "", actor=None, date_from=None, date_to=None):
    """The program's audit trail, newest first, narrowed by action, person and days (in the viewer's zone)."""
    events = program.audit_events.all()
    if action:
        events = events.filter(action=action)
    if actor is not None:
        events = events.filter(actor=actor)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events


def audit_actors(program: Program):
    """Everyone who appears in the program's audit trail, for the filter."""
    return get_user_model().objects.filter(pk__in=program.audit_events.values("actor")).order_by("full_name", "email")
