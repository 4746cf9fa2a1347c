"""Results: a round's ranking and province table, one team's scores, the report PDF and the jobs that make the
merged PDF and the XLSX of every score."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from bimtek.downloads import bytes_download
from bimtek.views.jobs import JobStartMixin
from evaluation import jobs
from evaluation.models import RoundTeam
from evaluation.report_pdf import report_filename, team_report_pdf
from evaluation.selectors.assessment import scheme_aspects
from evaluation.selectors.results import province_table, round_ranking, team_scores
from evaluation.views.assessment import RoundTeamMixin
from evaluation.views.mixins import RoundMixin


class ResultsMixin(RoundMixin):
    permission_required = "evaluation.view_results"


class RoundResultsView(ResultsMixin, TemplateView):
    """The ranking by index with each aspect's points, the change since the previous round and the register's
    shares; the province table (status in colour and in words, mean index) with a link to each province's
    teams."""

    template_name = "evaluation/results/round.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        province = self.request.GET.get("province", "")[:120] or None
        everything = round_ranking(self.evaluation_round)
        ranking = [rt for rt in everything if rt.team.region.province == province] if province else everything
        aspects = scheme_aspects(self.evaluation_round.scheme)
        for round_team in ranking:
            round_team.parts = [(aspect, round_team.final.get(aspect.pk)) for aspect in aspects]
        context.update(evaluation_round=self.evaluation_round, aspects=aspects, ranking=ranking,
                       provinces=province_table(everything), province=province,
                       can_manage=self.request.user.has_perm("evaluation.manage_evaluation", self.evaluation_round))
        return context


class TeamScoresView(RoundTeamMixin, TemplateView):
    """One team's index, each aspect's score and points, its strongest and weakest dimension and the assessors'
    notes."""

    permission_required = "evaluation.view_scores"
    template_name = "evaluation/results/scores.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(team_scores(self.round_team),
                       finalised=self.round_team.status == RoundTeam.Status.FINALISED,
                       can_results=self.request.user.has_perm("evaluation.view_results", self.round_team.round))
        return context


class TeamReportView(RoundTeamMixin, View):
    """The one-page evaluation report of the team's region, once finalised."""

    permission_required = "evaluation.view_scores"

    def get(self, request, *args, **kwargs):
        if self.round_team.status != RoundTeam.Status.FINALISED:
            messages.error(request, _("The report is made once the team's scores are finalised."))
            return redirect("evaluation_scores", self.program.pk, self.round_team.pk)
        content = team_report_pdf(self.round_team, team_scores(self.round_team))
        return bytes_download(content, filename=report_filename(self.round_team), content_type="application/pdf")


class ReportsJobView(ResultsMixin, JobStartMixin, View):
    """Every finalised region's report as one PDF, made by a worker."""

    job_kind = jobs.REPORTS_PDF

    def job_title(self):
        return _("Evaluation reports: %(round)s") % {"round": self.evaluation_round.title}

    def job_params(self):
        return {"round": self.evaluation_round.pk}


class ScoresXlsxJobView(ResultsMixin, JobStartMixin, View):
    """Every score of the round (each assessor's and the final ones) as an XLSX, made by a worker."""

    job_kind = jobs.SCORES_XLSX

    def job_title(self):
        return _("Evaluation scores: %(round)s") % {"round": self.evaluation_round.title}

    def job_params(self):
        return {"round": self.evaluation_round.pk}
