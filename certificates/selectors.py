"""Reads for certificates: who is eligible and why, the register, a holder's own certificates.

Each runs a fixed number of queries whatever the program's size.
"""

from dataclasses import dataclass, field

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, Sum
from django.utils.translation import gettext as _

from bimtek.formats import percent_text
from bimtek.models import Program
from certificates.codes import canonical
from certificates.models import Certificate, CertificateSettings, CertificateTemplate, Kind, ManualIssue
from materials.models import Assignment, Submission
from participants.models import Participant
from participants.normalize import name_key
from participants.selectors import program_mentors
from sessions.models import Attendance
from sessions.selectors import PRESENT_STATUSES, attendance_rate, person_attendance_rates

LESSON_HOUR_SECONDS = 45 * 60


def settings_for(program: Program) -> CertificateSettings:
    """The program's settings, or the defaults (unsaved) before an organizer first sets them."""
    return CertificateSettings.objects.filter(program=program).first() or CertificateSettings(program=program)


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
        return self.participant.full_name if self.participant else (self.mentor.full_name or self.mentor.email)

    @property
    def rate_text(self):
        """Attendance as '74,9%', rounded down so 74.96% never shows as 75%."""
        return percent_text(attendance_rate(self.attended, self.expected), floor=True)

    @property
    def has_certificate(self):
        return self.certificate is not None


def _certificates_by_holder(program: Program, field_name: str) -> dict:
    """Holder id -> their valid certificate, or else their most recently revoked one. One query."""
    found = {}
    rows = (Certificate.objects.filter(program=program, **{f"{field_name}__isnull": False})
            .select_related("replaced_by").order_by("sequence"))
    for certificate in rows:
        holder_id = getattr(certificate, f"{field_name}_id")
        current = found.get(holder_id)
        if current is None or current.revoked_at is not None:
            found[holder_id] = certificate
    return found


def _team_approvals(program: Program):
    """(number of assignments of the program, team id -> approved submissions). Two queries."""
    total = Assignment.objects.filter(stage__program=program).count()
    approved = dict(Submission.objects.filter(team__program=program, assignment__stage__program=program,
                                              status=Submission.Status.APPROVED)
                    .values_list("team_id").annotate(n=Count("id")))
    return total, approved


def participant_eligibility(program: Program, *, settings: CertificateSettings | None = None,
                            participant=None, team=None) -> list[EligibilityRow]:
    """Every participant of the program (or one, or one team's) with eligible / not eligible and why.

    Eligible: attended at least the program's minimum share of the sessions
    they were expected at (sessions.selectors.person_attendance_rates), and,
    when the rule asks for it, every assignment of the program approved for
    their team. Someone expected at no session yet is not eligible.
    """
    settings = settings or settings_for(program)
    people = (Participant.objects.filter(team__program=program).select_related("team__region", "user")
              .order_by("team__region__province", "team__region__name", "full_name", "pk"))
    if participant is not None:
        people = people.filter(pk=participant.pk)
    if team is not None:
        people = people.filter(team=team)
    rates = person_attendance_rates(program)
    total, approved = _team_approvals(program) if settings.require_approved_assignments else (None, {})
    certificates = _certificates_by_holder(program, "participant")
    minimum = settings.min_attendance_percent
    rows = []
    for person in people:
        attended, expected = rates.get(person.user_id, (0, 0))
        row = EligibilityRow(participant=person, attended=attended, expected=expected,
                             certificate=certificates.get(person.pk))
        if not expected:
            row.reasons.append(_("no session has taken place yet"))
        elif attended * 100 < minimum * expected:
            row.reasons.append(_("attendance %(rate)s < %(minimum)d%%") % {"rate": row.rate_text,
                                                                             "minimum": minimum})
        if total is not None:
            row.assignments, row.approved = total, approved.get(person.team_id, 0)
            if row.approved < total:
                row.reasons.append(_("%(missing)d of %(total)d team assignments not approved")
                                   % {"missing": total - row.approved, "total": total})
        row.eligible = not row.reasons
        rows.append(row)
    return rows


def mentor_eligibility(program: Program) -> list[EligibilityRow]:
    """Every mentor of the program: eligible by their role, with their attendance for information."""
    mentors = program_mentors(program)
    rates = person_attendance_rates(program)
    certificates = _certificates_by_holder(program, "mentor")
    rows = []
    for mentor in mentors:
        attended, expected = rates.get(mentor.pk, (0, 0))
        rows.append(EligibilityRow(mentor=mentor, attended=attended, expected=expected, eligible=True,
                                   certificate=certificates.get(mentor.pk)))
    return rows


def eligibility_summary(participants: list[EligibilityRow], mentors: list[EligibilityRow]) -> dict:
    def certified(rows):
        return sum(1 for row in rows if row.certificate and row.certificate.revoked_at is None)

    return {
        "participants": len(participants),
        "eligible": sum(1 for row in participants if row.eligible),
        "eligible_without": sum(1 for row in participants if row.eligible and not row.certificate),
        "certified": certified(participants),
        "mentors": len(mentors),
        "mentors_without": sum(1 for row in mentors if not row.certificate),
        "mentors_certified": certified(mentors),
    }


def attended_lesson_hours(program: Program, *, person=None) -> dict[int, int]:
    """User id -> whole lesson hours (45 minutes each) of the sessions they attended. One query."""
    rows = Attendance.objects.filter(session__stage__program=program, session__cancelled_at__isnull=True,
                                     status__in=PRESENT_STATUSES)
    if person is not None:
        rows = rows.filter(person=person)
    duration = ExpressionWrapper(F("session__ends_at") - F("session__starts_at"), output_field=DurationField())
    totals = rows.values("person_id").annotate(total=Sum(duration)).values_list("person_id", "total")
    return {person_id: int(total.total_seconds() // LESSON_HOUR_SECONDS) for person_id, total in totals if total}


REGISTER_STATUSES = ("valid", "revoked", "by_hand")


def register(program: Program, *, status: str = "", kind: str = "", query: str = "", team=None):
    """The program's certificates, newest number last, for the register and its export."""
    rows = (Certificate.objects.filter(program=program)
            .select_related("participant__team__region", "mentor", "template", "replaced_by", "issued_by",
                            "manual_issue")
            .order_by("sequence"))
    if status == "valid":
        rows = rows.filter(revoked_at__isnull=True)
    elif status == "revoked":
        rows = rows.filter(revoked_at__isnull=False)
    elif status == "by_hand":
        rows = rows.filter(manual_issue__isnull=False)
    rows = _of_kind_and_team(rows, kind, team)
    if query:
        rows = rows.filter(Q(holder_name__icontains=query) | Q(number__icontains=query))
    return rows


def printable(program: Program, *, kind: str = "", team=None):
    """The valid certificates to print, in number order, with their templates (and nothing they do not need)."""
    rows = (Certificate.objects.filter(program=program, revoked_at__isnull=True)
            .select_related("template__program").prefetch_related("template__signatories").order_by("sequence"))
    return _of_kind_and_team(rows, kind, team)


def _of_kind_and_team(rows, kind: str, team):
    if kind == Kind.PARTICIPANT:
        rows = rows.filter(participant__isnull=False)
    elif kind == Kind.MENTOR:
        rows = rows.filter(mentor__isnull=False)
    if team is not None:
        rows = rows.filter(participant__team=team)
    return rows


def program_templates(program: Program):
    """The program's certificate templates with their signatories."""
    return CertificateTemplate.objects.filter(program=program).prefetch_related("signatories")


def template_issued_count(template) -> int:
    """How many certificates (valid or revoked) were issued from the template."""
    return template.certificates.count()


def program_certificates(program: Program):
    """The program's certificates with what their pages show about the holder, the template and who acted."""
    return Certificate.objects.filter(program=program).select_related(
        "program", "template", "participant__team__region", "mentor", "replaced_by", "issued_by", "revoked_by")


def program_participants(program: Program):
    """The program's participants (a certificate issued by hand names one), with their team's region."""
    return Participant.objects.filter(team__program=program).select_related("team__region", "user")


def manual_issues(program: Program):
    return list(ManualIssue.objects.filter(certificate__program=program)
                .select_related("certificate", "issued_by").order_by("-created_at"))


def issued_per_template(program: Program) -> dict[int, int]:
    return dict(Certificate.objects.filter(program=program, template__isnull=False)
                .values_list("template_id").annotate(n=Count("id")))


def attested_end(program: Program):
    """The last day a certificate of the program attests: the end of its last stage (else of the program)."""
    return program.stages.aggregate(end=Max("end_date"))["end"] or program.end_date


# --- public verification ---------------------------------------------------------------------------

def _verifiable():
    return Certificate.objects.select_related("program", "replaced_by")


def certificate_by_code(typed: str) -> Certificate | None:
    """The certificate with this code, as printed or typed (any case, spaces, dashes); older codes as they are."""
    code = canonical(typed) or typed
    return _verifiable().filter(verification_code=code).first()


def certificate_by_number_and_name(number: str, name: str) -> Certificate | None:
    """The certificate with this number whose holder has this name (titles, accents and case aside).

    Numbers repeat across programs, so the name decides; two matches (the same
    person in two programs with one number) answer the newest.
    """
    wanted = name_key(name)
    if not wanted:
        return None
    candidates = _verifiable().filter(number__iexact=" ".join(number.split())).order_by("-issued_at")[:50]
    return next((c for c in candidates if name_key(c.holder_name) == wanted), None)


def signing_date(template, *, today):
    """The date a certificate from ``template`` is signed: its fixed date or ``today``, never before the end
    of the program's last stage (a certificate does not attest what has not happened yet)."""
    return max(template.signed_on or today, attested_end(template.program))


def signatory_holding(signatories, *, name: str, nip: str = ""):
    """The signatory among ``signatories`` who is this person (same NIP, or the same name without titles), if
    any: nobody signs their own certificate."""
    key = name_key(name)
    for signatory in signatories:
        if (nip and signatory.nip == nip) or name_key(signatory.name) == key:
            return signatory
    return None


def self_signers(program: Program, template) -> list[str]:
    """The people of the template's kind, without a valid certificate, who sign the template themselves.

    certificate_bulk_issue leaves them out; they need a template another official signs. Two queries.
    """
    signatories = list(template.signatories.all())
    if not signatories:
        return []
    valid = Certificate.objects.filter(program=program, revoked_at__isnull=True)
    if template.kind == Kind.PARTICIPANT:
        people = (Participant.objects.filter(team__program=program)
                  .exclude(pk__in=valid.filter(participant__isnull=False).values("participant_id"))
                  .values_list("full_name", "nip"))
    else:
        mentors = program_mentors(program).exclude(pk__in=valid.filter(mentor__isnull=False).values("mentor_id"))
        people = ((user.full_name or user.email, "") for user in mentors)
    return [name for name, nip in people if signatory_holding(signatories, name=name, nip=nip)]
