"""Every score of a round as an XLSX: each assessor's scores with notes, and the final scores with the index."""

from django.utils.translation import gettext as _

from bimtek.xlsx import Sheet, workbook_bytes
from evaluation.models import FinalScore, RoundTeam


def assessor_rows(scores):
    for score in scores:
        assessment = score.assessment
        region = assessment.round_team.team.region
        yield [region.province, str(region), score.aspect.name, str(assessment.assessor), score.score, score.note,
               _("Submitted") if assessment.submitted_at else _("Not submitted")]


def final_rows(evaluation_round):
    finals = FinalScore.objects.filter(round_team__round=evaluation_round).select_related(
        "aspect", "round_team__team__region").order_by("round_team__team__region__province",
                                                       "round_team__team__region__name", "aspect__order")
    for final in finals:
        round_team = final.round_team
        region = round_team.team.region
        yield [region.province, str(region), final.aspect.name, final.aspect.weight, final.score, final.contribution,
               final.note, round_team.index, round_team.previous_index, round_team.programs_done_share,
               round_team.quick_wins_done_share]


def team_rows(evaluation_round):
    teams = RoundTeam.objects.filter(round=evaluation_round).select_related("team__region").order_by(
        "team__region__province", "team__region__name")
    for round_team in teams:
        region = round_team.team.region
        yield [region.province, str(region), round_team.get_status_display(), round_team.index,
               round_team.previous_index, round_team.programs_done_share, round_team.quick_wins_done_share]


def scores_xlsx(evaluation_round, assessor_scores) -> bytes:
    """Three sheets: the teams with their index, the final score of each aspect, and each assessor's score."""
    region, province = _("Region"), _("Province")
    return workbook_bytes([
        Sheet(_("Index"), [province, region, _("Status"), _("Index"), _("Previous index"),
                           _("Register programs done (%)"), _("Quick wins delivered (%)")],
              team_rows(evaluation_round)),
        Sheet(_("Final scores"), [province, region, _("Aspect"), _("Weight (%)"), _("Score"), _("Points"),
                                  _("Note"), _("Index"), _("Previous index"), _("Register programs done (%)"),
                                  _("Quick wins delivered (%)")], final_rows(evaluation_round)),
        Sheet(_("Assessors' scores"), [province, region, _("Aspect"), _("Assessor"), _("Score"), _("Note"),
                                       _("Status")], assessor_rows(assessor_scores)),
    ])
