"""Who may receive a certificate: the program's rule, in one place, as a queryset.

``participants_with_eligibility`` is the rule's one home: every participant of
the program annotated by the database with what the rule measures and whether
they are eligible, so the per-person list reads one page of it and the counts
aggregate it without loading 40,000 people. The reasons shown next to a person
are words for the same annotated numbers.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from bimtek.formats import percent_text
from bimtek.models import Program
from bimtek.program_cache import ATTENDANCE, cached_program_figures, ids_key
from bimtek.querysets import PagedRows, count_subquery
from certificates.models import Certificate, CertificateSettings
from materials.models import Assignment, Submission
from participants.models import Participant
from participants.selectors import PEOPLE_ORDER, PeopleByTeam, program_mentors, staff_label
from sessions.selectors import attendance_rate, with_attendance_rates


def settings_for(program: Program) -> CertificateSettings:
    """The program's settings, or the defaults (unsaved) before an organizer first sets them."""
    return CertificateSettings.objects.filter(program=program).first() or CertificateSettings(program=program)



def _holds(program: Program, field_name: str, *, valid: bool | None = None):
    """Whether the outer person holds a certificate of the program (a valid one, a revoked one, or any)."""
    if field_name == "participant":
        # a participant belongs to one program; naming it would lead SQLite to the program's index and a scan
        held = Certificate.objects.filter(participant=OuterRef("pk"))
    else:
        held = Certificate.objects.filter(program=program, mentor=OuterRef("pk"))
    if valid is not None:
        held = held.filter(revoked_at__isnull=valid)
    return Exists(held)


def participants_with_eligibility(program: Program, *, settings: CertificateSettings | None = None):
    """Every participant of the program, annotated with the rule: ``attended`` and ``expected`` (the
    sessions they were expected at, sessions.selectors.with_attendance_rates), ``approved`` and
    ``assignments`` (their team's approved assignments of the program, when the rule asks for them),
    ``eligible``, ``has_certificate`` (any, valid or revoked) and ``certified`` (a valid one).

    Eligible: attended at least the program's minimum share of the sessions they were expected at, and,
    when the rule asks for it, every assignment of the program approved for their team. Someone expected at
    no session yet is not eligible.
    """
    settings = settings or settings_for(program)
    return participants_with_numbers(program, settings=settings).annotate(
        eligible=Case(When(eligibility_rule(settings), then=Value(True)), default=Value(False),
                      output_field=BooleanField()),
        has_certificate=_holds(program, "participant"), certified=_holds(program, "participant", valid=True))


def participants_with_numbers(program: Program, *, settings: CertificateSettings):
    """Every participant of the program annotated with what the rule measures (``rule_numbers``), not yet
    whether they are eligible."""
    people = with_attendance_rates(Participant.objects.filter(team__program=program), program)
    if settings.require_approved_assignments:
        approved = Submission.objects.filter(team_id=OuterRef("team_id"), assignment__stage__program=program,
                                             status=Submission.Status.APPROVED)
        people = people.annotate(approved=count_subquery(approved),
                                 assignments=count_subquery(Assignment.objects.filter(stage__program=program)))
    return people


def rule_numbers(settings: CertificateSettings) -> list[str]:
    """The annotations eligibility_rule reads."""
    return ["attended", "expected"] + (["approved", "assignments"] if settings.require_approved_assignments else [])


def eligibility_rule(settings: CertificateSettings) -> Q:
    """The rule over the annotated numbers: some session expected them, they attended at least the minimum
    share of them, and (when asked) their team has every assignment approved."""
    rule = Q(expected__gt=0) & GreaterThanOrEqual(F("attended") * 100, F("expected") * settings.min_attendance_percent)
    if settings.require_approved_assignments:
        rule &= GreaterThanOrEqual(F("approved"), F("assignments"))
    return rule


LIST_ORDER = PEOPLE_ORDER
ELIGIBILITY_FILTERS = {
    "eligible": Q(eligible=True),
    "not_eligible": Q(eligible=False),
    "without": Q(eligible=True, has_certificate=False),
    "certified": Q(certified=True),
}


@dataclass
class EligibilityRow:
    """One person, what the rule measured for them, and the certificate they already have (if any)."""

    participant: object = None
    mentor: object = None
    attended: int = 0
    expected: int = 0
    approved: int | None = None  # the team's approved assignments, when the rule asks for them
    assignments: int | None = None
    eligible: bool = False
    reasons: list = field(default_factory=list)
    certificate: Certificate | None = None  # the valid one, else the latest revoked one

    @property
    def name(self):
        return self.participant.full_name if self.participant else staff_label(self.mentor)

    @property
    def rate_text(self):
        """Attendance as '74,9%', rounded down so 74.96% never shows as 75%."""
        return percent_text(attendance_rate(self.attended, self.expected), floor=True)

    @property
    def has_certificate(self):
        return self.certificate is not None


HOLDERS_BY_ID_MAX = 500  # more holders than this: read the program's certificates instead of naming them all


def _certificates_by_holder(program: Program, field_name: str, holder_ids) -> dict:
    """Holder id -> their valid certificate of the program, or else their most recently revoked one. One query."""
    found = {}
    if len(holder_ids) > HOLDERS_BY_ID_MAX:
        rows = Certificate.objects.filter(program=program, **{f"{field_name}__isnull": False})
    else:
        # by the holders' own index; naming the program in the query too would lead SQLite to walk every
        # certificate of the program instead (a mentor's certificates of other programs are skipped below)
        rows = Certificate.objects.filter(**{f"{field_name}__in": holder_ids})
    for certificate in rows.select_related("replaced_by").order_by("sequence"):
        if certificate.program_id != program.pk:
            continue
        holder_id = getattr(certificate, f"{field_name}_id")
        current = found.get(holder_id)
        if current is None or current.revoked_at is not None:
            found[holder_id] = certificate
    return found


def eligibility_rows(program: Program, people, *, settings: CertificateSettings) -> list[EligibilityRow]:
    """EligibilityRows of (a page or slice of) ``participants_with_eligibility``, with the reasons in words
    and each person's certificate. Two queries."""
    people = list(people)
    certificates = _certificates_by_holder(program, "participant", [person.pk for person in people])
    minimum = settings.min_attendance_percent
    rows = []
    for person in people:
        row = EligibilityRow(participant=person, attended=person.attended, expected=person.expected,
                             eligible=person.eligible, certificate=certificates.get(person.pk))
        if not person.expected:
            row.reasons.append(_("no session has taken place yet"))
        elif person.attended * 100 < minimum * person.expected:
            row.reasons.append(_("attendance %(rate)s < %(minimum)d%%") % {"rate": row.rate_text,
                                                                             "minimum": minimum})
        if settings.require_approved_assignments:
            row.assignments, row.approved = person.assignments, person.approved
            if row.approved < row.assignments:
                row.reasons.append(_("%(missing)d of %(total)d team assignments not approved")
                                   % {"missing": row.assignments - row.approved, "total": row.assignments})
        rows.append(row)
    return rows


def participant_eligibility(program: Program, *, settings: CertificateSettings | None = None,
                            participant=None, team=None, status: str = "", query: str = "") -> list[EligibilityRow]:
    """Every participant of the program (or one, or one team's, or those of one ELIGIBILITY_FILTERS status)
    with eligible / not eligible and why, by region and name. Three queries."""
    settings = settings or settings_for(program)
    people = eligibility_list(program, settings=settings, participant=participant, team=team, status=status,
                              query=query)
    return eligibility_rows(program, people, settings=settings)


def eligibility_list(program: Program, *, settings: CertificateSettings, participant=None, team=None,
                     status: str = "", query: str = ""):
    """The queryset behind participant_eligibility, unevaluated (a page slices it)."""
    people = (participants_with_eligibility(program, settings=settings).select_related("team__region", "user")
              .order_by(*LIST_ORDER))
    if participant is not None:
        people = people.filter(pk=participant.pk)
    if team is not None:
        people = people.filter(team=team)
    if status in ELIGIBILITY_FILTERS:
        people = people.filter(ELIGIBILITY_FILTERS[status])
    if query.strip():
        people = people.filter(Q(full_name__icontains=query.strip()) | Q(nip__icontains=query.strip())
                               | Q(team__region__name__icontains=query.strip()))
    return people


def eligibility_page_list(program: Program, *, settings: CertificateSettings, team=None, status: str = "",
                          query: str = ""):
    """What the eligibility page slices into pages: without an outcome to filter by, the plain participants in
    the list's order (the database then sorts them without working out the rule for all of them; ``page_rows``
    works it out for a page), else ``eligibility_list``; each with their team's region."""
    if status in ELIGIBILITY_FILTERS:
        return eligibility_list(program, settings=settings, team=team, status=status, query=query)
    people = Participant.objects.filter(team__program=program).select_related("team__region").order_by(*LIST_ORDER)
    if team is None and not query.strip():
        return PeopleByTeam(program, people)
    if team is not None:
        people = people.filter(team=team)
    if query.strip():
        people = people.filter(Q(full_name__icontains=query.strip()) | Q(nip__icontains=query.strip())
                               | Q(team__region__name__icontains=query.strip()))
    return people


def page_rows(program: Program, page_people, *, settings: CertificateSettings) -> list[EligibilityRow]:
    """``eligibility_rows`` of a page of ``eligibility_page_list`` (read with their team's region), in its order:
    the rule is worked out for the page's people only, and kept as plain numbers in the cache until attendance,
    drafts or the program's data change (``page_numbers``). One query (the certificates) when kept, else three."""
    numbers = page_numbers(program, [person.pk for person in page_people], settings=settings)
    page_people = [person for person in page_people if person.pk in numbers]  # not one removed meanwhile
    for person in page_people:
        person.attended, person.expected, approved, assignments, person.eligible = numbers[person.pk]
        if settings.require_approved_assignments:
            person.approved, person.assignments = approved, assignments
    return eligibility_rows(program, page_people, settings=settings)


def page_numbers(program: Program, wanted, *, settings: CertificateSettings) -> dict:
    """Participant id -> (attended, expected, approved, assignments, eligible) of the participants ``wanted``
    (approved and assignments None unless the rule asks for them), kept in the cache: working them out
    compiles the attendance subqueries, and PostgreSQL plans each, for a page of 25 people. Two queries
    when not kept: their numbers, then eligibility_rule over those numbers as plain values (written into the
    numbers' query, the rule would repeat each number's subqueries, and PostgreSQL plans every copy)."""
    if not wanted:
        return {}

    def count():
        people = list(participants_with_numbers(program, settings=settings).filter(pk__in=wanted).order_by()
                      .only("pk"))
        eligible = _eligible_among(people, settings)
        return {person.pk: (person.attended, person.expected, getattr(person, "approved", None),
                            getattr(person, "assignments", None), person.pk in eligible) for person in people}
    rule = f"{settings.min_attendance_percent}:{int(settings.require_approved_assignments)}"
    return cached_program_figures(program, f"eligibility-numbers:{rule}:{ids_key(wanted)}", count)


def _eligible_among(people, settings: CertificateSettings) -> set:
    """The ids of ``people`` (read with their ``rule_numbers``) whom eligibility_rule finds eligible. One query
    (none without people)."""
    if not people:
        return set()
    numbers = {}
    for name in rule_numbers(settings):
        holding = defaultdict(list)  # value -> the people with that number (a few values: a few WHENs)
        for person in people:
            holding[getattr(person, name)].append(person.pk)
        numbers[name] = Case(*[When(pk__in=ids, then=Value(value)) for value, ids in holding.items()],
                             default=Value(0), output_field=IntegerField())
    return set(Participant.objects.filter(pk__in=[person.pk for person in people]).annotate(**numbers)
               .filter(eligibility_rule(settings)).order_by().values_list("pk", flat=True))


def mentor_list(program: Program):
    """The program's mentors annotated with their attendance (for information), unevaluated: a page
    slices it."""
    team = Subquery(Participant.objects.filter(user=OuterRef("pk"), team__program=program).values("team_id")[:1])
    return with_attendance_rates(program_mentors(program).annotate(own_team=team), program, user="pk",
                                 team="own_team")


class ProgramMentors(PagedRows):
    """``mentor_list`` for a Paginator: the count and each page's mentors (in program_mentors' order) are kept
    until the program's data changes, so the page works out the listed name of its own mentors only, instead
    of every mentor's listed name to sort them; their attendance is kept until attendance changes too."""

    def __init__(self, program: Program):
        self.program = program

    def count(self) -> int:
        return cached_program_figures(self.program, "eligibility-mentor-count",
                                      lambda: program_mentors(self.program).count(), depends_on=())

    def page(self, start: int, stop: int) -> list:
        wanted = cached_program_figures(
            self.program, f"eligibility-mentors:{start}:{stop}",
            lambda: list(program_mentors(self.program).values_list("pk", flat=True)[start:stop]), depends_on=())
        if not wanted:
            return []
        numbers = cached_program_figures(
            self.program, f"eligibility-mentor-numbers:{start}:{stop}",
            lambda: {pk: (attended, expected) for pk, attended, expected in
                     mentor_list(self.program).filter(pk__in=wanted).values_list("pk", "attended", "expected")},
            depends_on=(ATTENDANCE,))
        mentors = [mentor for mentor in program_mentors(self.program).filter(pk__in=wanted) if mentor.pk in numbers]
        for mentor in mentors:
            mentor.attended, mentor.expected = numbers[mentor.pk]
        return mentors


class ReadWhenShown:
    """``items`` (a list a Paginator reads: a queryset, PeopleByTeam, ProgramMentors) whose page is read when
    first shown, not when the paginator cuts it: a page whose table is kept rendered reads none."""

    def __init__(self, items):
        self.items = items

    def count(self) -> int:
        return self.items.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return SimpleLazyObject(lambda: self.items[index])


def mentor_rows(program: Program, mentors) -> list[EligibilityRow]:
    """EligibilityRows of (a page of) ``mentor_list``: eligible by their role, with their certificate."""
    mentors = list(mentors)
    certificates = _certificates_by_holder(program, "mentor", [mentor.pk for mentor in mentors])
    return [EligibilityRow(mentor=mentor, attended=mentor.attended, expected=mentor.expected, eligible=True,
                           certificate=certificates.get(mentor.pk)) for mentor in mentors]


def mentor_eligibility(program: Program) -> list[EligibilityRow]:
    """Every mentor of the program: eligible by their role, with their attendance for information. Two
    queries."""
    return mentor_rows(program, mentor_list(program))


def eligibility_summary(program: Program, *, settings: CertificateSettings | None = None) -> dict:
    """How many participants there are, are eligible, are eligible without any certificate yet, hold a valid
    one; and the same for mentors. Two queries, counted by the database over every participant, so kept in
    the cache until the program's data changes (bimtek.program_cache)."""
    settings = settings or settings_for(program)
    return cached_program_figures(program, "eligibility-summary", lambda: _eligibility_counts(program, settings))


def _eligibility_counts(program: Program, settings: CertificateSettings) -> dict:
    # values() + distinct() make Django count over a subquery that works out each person's numbers once
    # (they are distinct by pk anyway), and the counts apply the rule to those columns
    rule = eligibility_rule(settings)
    numbers = ["pk", "attended", "expected", "has_certificate", "certified"]
    if settings.require_approved_assignments:
        numbers += ["approved", "assignments"]
    counts = participants_with_eligibility(program, settings=settings).values(*numbers).distinct().aggregate(
        n_people=Count("pk"), n_eligible=Count("pk", filter=rule),
        n_without=Count("pk", filter=rule & Q(has_certificate=False)),
        n_certified=Count("pk", filter=Q(certified=True)))
    summary = {"participants": counts["n_people"], "eligible": counts["n_eligible"],
              "eligible_without": counts["n_without"], "certified": counts["n_certified"]}
    mentors = program_mentors(program).annotate(
        has_certificate=_holds(program, "mentor"), certified=_holds(program, "mentor", valid=True)).aggregate(
        mentors=Count("pk"), mentors_without=Count("pk", filter=Q(has_certificate=False)),
        mentors_certified=Count("pk", filter=Q(certified=True)))
    return {**summary, **mentors}
