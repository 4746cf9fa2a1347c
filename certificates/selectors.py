"""Reads for certificates: who is eligible and why, the register, a holder's own certificates.

Each runs a fixed number of queries whatever the program's size.
"""

import datetime
from typing import NamedTuple

from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Q, Sum

from bimtek.models import Program
from bimtek.program_cache import cached_program_figures, cached_programs_figures
from certificates.codes import canonical
from certificates.eligibility import settings_for as settings_for  # where the rule reads it; kept here too
from certificates.models import Certificate, CertificateSettings, CertificateTemplate, Kind, ManualIssue, Signatory
from participants.models import Participant
from participants.normalize import name_key
from participants.selectors import program_mentors
from sessions.models import Attendance
from sessions.selectors import PRESENT_STATUSES

LESSON_HOUR_SECONDS = 45 * 60


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
    """The program's certificates, newest number last, for the register and its export; ``query`` finds a
    holder's name, a number or a participant's region.

    With what the register page shows of each (the participant's NIP and region, the replacement, whether
    issued by hand) and nothing more: each further table joined took PostgreSQL's planner more time than the
    page itself (some 15 ms for the nine tables it had, against under 1 ms to read the 25 rows)."""
    rows = (Certificate.objects.filter(program=program)
            .select_related("participant__team__region", "replaced_by", "manual_issue")
            .order_by("sequence"))
    if status == "valid":
        rows = rows.filter(revoked_at__isnull=True)
    elif status == "revoked":
        rows = rows.filter(revoked_at__isnull=False)
    elif status == "by_hand":
        rows = rows.filter(manual_issue__isnull=False)
    rows = _of_kind_and_team(rows, kind, team)
    if query:
        rows = rows.filter(Q(holder_name__icontains=query) | Q(number__icontains=query)
                           | Q(participant__team__region__name__icontains=query))
    return rows


def certificate_count(program: Program) -> int:
    """How many certificates (valid or revoked) the program has issued: the unfiltered register's length,
    kept in the cache until a service changes the program's data."""
    return cached_program_figures(program, "certificate-count",
                                  lambda: Certificate.objects.filter(program=program).count(), depends_on=())


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


def held_certificates(user) -> list[Certificate]:
    """The valid certificates a person holds, as a participant or as a mentor, in number order. One query.

    Two reads through the holders' indexes put together (a certificate names a participant or a mentor, never
    both), by the person alone (a person holds a few; the caller keeps those of the programs it shows). Asked as
    one "participant's user or mentor", or narrowed by program, SQLite and PostgreSQL read every certificate of a
    national program (20-50 ms at 32,000; now about 1 ms)."""
    valid = Certificate.objects.filter(revoked_at__isnull=True).order_by()
    return list(valid.filter(participant__user=user).union(valid.filter(mentor=user), all=True).order_by("sequence"))


def kept_held_certificates(user, programs) -> dict:
    """Program id -> the valid certificates ``user`` holds in it (``held_certificates``), for a home page: kept in
    the cache until the program's data changes (bimtek.program_cache, no topic; issuing, revoking and reissuing
    move it). One query for the programs not kept, then none."""

    def read(missing):
        found = {program.pk: [] for program in missing}
        for certificate in held_certificates(user):
            if certificate.program_id in found:
                found[certificate.program_id].append(certificate)
        return found

    return cached_programs_figures(programs, f"held-certificates:{user.pk}", read, depends_on=())


def program_participants(program: Program):
    """The program's participants (a certificate issued by hand names one), with their team's region."""
    return Participant.objects.filter(team__program=program).select_related("team__region", "user")


class OverviewFigures(NamedTuple):
    """What the certificates overview shows that only the program's services change (``overview_figures``)."""

    settings: CertificateSettings  # the rule, the number format and the last number given
    attested_end: datetime.date  # ``attested_end``
    issued: dict  # template id -> how many certificates (valid or revoked) were issued from it
    manual_ids: list  # the ids of the log entries of the certificates issued by hand (``manual_issues``)


def overview_figures(program: Program) -> OverviewFigures:
    """The certificates overview's ``OverviewFigures``, kept in the cache until a service changes the program's
    data (no query): every service that saves the settings, gives a number, issues, revokes or reissues a
    certificate, or moves a stage or the program's dates says so. The certificates are counted over every
    certificate of the program."""
    def count():
        # named through the few issued by hand: SQLite, which has no statistics, would otherwise walk every
        # certificate of the program (32,000 in a national one) to find them
        by_hand = ManualIssue.objects.values("certificate_id")
        return OverviewFigures(
            settings=settings_for(program), attested_end=attested_end(program),
            issued=dict(Certificate.objects.filter(program=program, template__isnull=False).order_by()
                        .values_list("template_id").annotate(n=Count("id"))),
            manual_ids=list(ManualIssue.objects.filter(certificate__program=program, certificate__in=by_hand)
                            .values_list("pk", flat=True)))
    return cached_program_figures(program, "certificate-overview", count, depends_on=())


def manual_issues(ids) -> list[ManualIssue]:
    """The log entries ``ids`` (``OverviewFigures.manual_ids``) with their certificates and who issued them,
    newest first; no query for none."""
    return list(ManualIssue.objects.filter(pk__in=ids).select_related("certificate", "issued_by")
                .order_by("-created_at")) if ids else []


def overview_templates(program: Program) -> list[CertificateTemplate]:
    """The program's templates as the certificates overview lists them (by kind, then title), with the fields it
    shows only, each with ``signers``: its signatories' names and NIPs (for ``self_signers``). Two queries."""
    templates = list(CertificateTemplate.objects.filter(program=program).only("program_id", "kind", "title",
                                                                             "orientation")
                     .order_by("kind", "title", "pk"))
    signers = {}
    if templates:
        for row in (Signatory.objects.filter(template__in=[template.pk for template in templates])
                    .order_by("template_id", "order").values_list("template_id", "name", "nip", named=True)):
            signers.setdefault(row.template_id, []).append(row)
    for template in templates:
        template.signers = signers.get(template.pk, [])
    return templates


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


def self_signers(program: Program, template, signatories=None) -> list[str]:
    """The people of the template's kind, without a valid certificate, who sign the template themselves
    (``signatories``: its signatories, when the page has read them: anything with a name and a NIP).

    certificate_bulk_issue leaves them out; they need a template another official signs. Two queries.
    """
    signatories = list(template.signatories.all()) if signatories is None else signatories
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
