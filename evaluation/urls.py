from django.urls import path  # noqa: F401

from evaluation.views import assessment as assessment_views
from evaluation.views import results as results_views

# Each part of the evaluation adds its pages here: the register, rounds and schemes, self-assessment,
# assessment and results. Every pattern is in the permission matrix (tests/matrix/evaluation.py).
urlpatterns = [
]

# Assessment and results (eval_assess).
EVALUATION = "programs/<int:program>/evaluation"
urlpatterns += [
    path(f"{EVALUATION}/assess/", assessment_views.AssessorQueueView.as_view(), name="evaluation_assessor_queue"),
    path(f"{EVALUATION}/assess/<int:round_team>/", assessment_views.AssessmentView.as_view(),
         name="evaluation_assessment"),
    path(f"{EVALUATION}/assess/<int:round_team>/interview/", assessment_views.InterviewView.as_view(),
         name="evaluation_assessment_interview"),
    path(f"{EVALUATION}/assess/<int:round_team>/evidence/<int:evidence>/",
         assessment_views.AssessmentEvidenceView.as_view(), name="evaluation_assessment_evidence"),
    path(f"{EVALUATION}/assessments/<int:assessment>/reopen/", assessment_views.AssessmentReopenView.as_view(),
         name="evaluation_assessment_reopen"),
    path(f"{EVALUATION}/rounds/<int:round>/finalise/", assessment_views.FinaliseView.as_view(),
         name="evaluation_finalise"),
    path(f"{EVALUATION}/rounds/<int:round>/results/", results_views.RoundResultsView.as_view(),
         name="evaluation_results"),
    path(f"{EVALUATION}/rounds/<int:round>/results/reports.pdf", results_views.ReportsJobView.as_view(),
         name="evaluation_reports_job"),
    path(f"{EVALUATION}/rounds/<int:round>/results/scores.xlsx", results_views.ScoresXlsxJobView.as_view(),
         name="evaluation_scores_xlsx_job"),
    path(f"{EVALUATION}/teams/<int:round_team>/scores/", results_views.TeamScoresView.as_view(),
         name="evaluation_scores"),
    path(f"{EVALUATION}/teams/<int:round_team>/report.pdf", results_views.TeamReportView.as_view(),
         name="evaluation_report_pdf"),
]
