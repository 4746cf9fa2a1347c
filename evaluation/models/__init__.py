from evaluation.models.register import MasterPlan, PlanProgram, PlanReview
from evaluation.models.rounds import (
    Answer,
    AspectScore,
    Assessment,
    EvaluationRound,
    Evidence,
    FinalScore,
    ProgramProgress,
    RoundTeam,
)
from evaluation.models.scheme import Aspect, Level, Question, Scheme

__all__ = [
    "Answer", "Aspect", "AspectScore", "Assessment", "EvaluationRound", "Evidence", "FinalScore", "Level",
    "MasterPlan", "PlanProgram", "PlanReview", "ProgramProgress", "Question", "RoundTeam", "Scheme",
]
