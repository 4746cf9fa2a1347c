"""The self-assessment page's data: the scheme's questions with their levels, the team's answers, evidence and the
progress of its register's programs; a fixed number of queries however many questions and programs."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from evaluation.models import Answer, Aspect, Evidence, PlanProgram, ProgramProgress, Question, RoundTeam


@dataclass
class QuestionRow:
    question: Question
    answer: Answer | None
    evidence: list = field(default_factory=list)
    number: int = 0  # counted through the whole scheme, as the page and the list of what is missing show it


@dataclass
class AspectBlock:
    aspect: Aspect
    levels: list
    questions: list


@dataclass
class ProgressRow:
    plan_program: PlanProgram
    progress: ProgramProgress | None


@dataclass
class SelfAssessment:
    round_team: RoundTeam
    aspects: list
    programs: list

    @property
    def questions(self):
        return [row for block in self.aspects for row in block.questions]


def self_assessment_data(round_team: RoundTeam) -> SelfAssessment:
    """Everything the team's page shows; six queries."""
    aspects = list(Aspect.objects.filter(scheme_id=round_team.round.scheme_id)
                   .prefetch_related("levels", Prefetch("questions", Question.objects.order_by("order", "pk"))))
    answers = {answer.question_id: answer for answer in Answer.objects.filter(round_team=round_team)}
    evidence = {}
    for item in Evidence.objects.filter(answer__round_team=round_team).select_related("uploaded_by"):
        evidence.setdefault(item.answer_id, []).append(item)
    blocks, number = [], 0
    for aspect in aspects:
        rows = []
        for question in aspect.questions.all():
            answer, number = answers.get(question.pk), number + 1
            rows.append(QuestionRow(question, answer, evidence.get(answer.pk, []) if answer else [], number))
        blocks.append(AspectBlock(aspect, list(aspect.levels.all()), rows))
    programs = []
    if round_team.plan_id:
        progress = {p.plan_program_id: p for p in ProgramProgress.objects.filter(round_team=round_team)}
        programs = [ProgressRow(program, progress.get(program.pk))
                    for program in PlanProgram.objects.filter(plan_id=round_team.plan_id).select_related("dimension")]
    return SelfAssessment(round_team, blocks, programs)


def missing_items(data: SelfAssessment) -> list[tuple[str, str]]:
    """What keeps the self-assessment from being submitted: (the page's anchor of the question or program, one
    sentence) each; empty when it can be submitted."""
    missing = []
    for row in data.questions:
        anchor, label = f"question-{row.question.pk}", row.question.text[:80]
        answer = row.answer
        if answer is None or not answer.text.strip() or answer.self_score is None:
            missing.append((anchor, _("Question %(number)s (“%(question)s”) is not answered with a text and an own "
                                      "score.") % {"number": row.number, "question": label}))
        if row.question.evidence_required and not row.evidence:
            missing.append((anchor, _("Question %(number)s (“%(question)s”) needs evidence.")
                            % {"number": row.number, "question": label}))
    for row in data.programs:
        if row.progress is None:
            missing.append((f"program-{row.plan_program.pk}", _("The program “%(program)s” has no progress reported.")
                            % {"program": row.plan_program.title}))
    return missing


def missing_for_submission(data: SelfAssessment) -> list[str]:
    return [message for _anchor, message in missing_items(data)]


def evidence_lookup(round_team):
    """Where a page looks up the evidence file its URL names: the files of this team's answers in this round."""
    return Evidence.objects.filter(answer__round_team=round_team).select_related("answer")
