"""The evaluation's work a worker does: every region's report as one PDF, and the XLSX of every score."""

from bimtek.jobs import JobOutput, job_kind
from bimtek.xlsx import XLSX_CONTENT_TYPE
from evaluation.models import EvaluationRound
from evaluation.report_pdf import reports_pdf
from evaluation.results_xlsx import scores_xlsx
from evaluation.selectors.results import round_reports, score_rows

REPORTS_PDF = "evaluation_reports_pdf"
SCORES_XLSX = "evaluation_scores_xlsx"


def _round(job):
    return EvaluationRound.objects.select_related("program").get(pk=job.params["round"], program_id=job.program_id)


@job_kind(REPORTS_PDF)
def make_reports_pdf(*, job, progress):
    evaluation_round = _round(job)
    reports = round_reports(evaluation_round)
    progress(0, len(reports))
    content = reports_pdf(reports, evaluation_round.program)
    progress(len(reports), len(reports))
    return JobOutput(file_name=f"laporan-evaluasi-{evaluation_round.pk}.pdf", content_type="application/pdf",
                     content=content)


@job_kind(SCORES_XLSX)
def make_scores_xlsx(*, job, progress):
    evaluation_round = _round(job)
    return JobOutput(file_name=f"nilai-evaluasi-{evaluation_round.pk}.xlsx", content_type=XLSX_CONTENT_TYPE,
                     content=scores_xlsx(evaluation_round, score_rows(evaluation_round)))
