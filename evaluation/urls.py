from django.urls import path

from evaluation.views import assessment as assessment_views
from evaluation.views import register, rounds, schemes, self_assessment
from evaluation.views import results as results_views

# Every pattern is in the permission matrix (tests/matrix/evaluation.py).
urlpatterns = []

# The master plan register of a team.
R = "programs/<int:program>/teams/<int:team>/register/"
urlpatterns += [
    path(R, register.RegisterDetailView.as_view(), name="register_detail"),
    path(R + "start/", register.RegisterStartView.as_view(), name="register_start"),
    path(R + "settings/", register.RegisterSettingsView.as_view(), name="register_settings"),
    path(R + "programs/new/", register.PlanProgramCreateView.as_view(), name="register_program_create"),
    path(R + "programs/<int:item>/edit/", register.PlanProgramUpdateView.as_view(), name="register_program_update"),
    path(R + "programs/<int:item>/delete/", register.PlanProgramDeleteView.as_view(),
         name="register_program_delete"),
    path(R + "submit/", register.RegisterSubmitView.as_view(), name="register_submit"),
    path(R + "new-version/", register.RegisterNewVersionView.as_view(), name="register_new_version"),
    path(R + "versions/<int:number>/", register.RegisterDetailView.as_view(), name="register_version"),
    path(R + "versions/<int:number>/review/", register.RegisterReviewView.as_view(), name="register_review"),
    path(R + "import/", register.RegisterImportView.as_view(), name="register_import"),
    path(R + "import/preview/", register.RegisterImportPreviewView.as_view(), name="register_import_preview"),
    path(R + "import/discard/", register.RegisterImportDiscardView.as_view(), name="register_import_discard"),
    path(R + "template.xlsx", register.RegisterTemplateView.as_view(), name="register_template"),
]

# Schemes, rounds and the self-assessment (eval_self).
ROUND = "programs/<int:program>/evaluation/rounds/<int:round>/"
SCHEME = "programs/<int:program>/evaluation/schemes/<int:scheme>/"
urlpatterns += [
    path("programs/<int:program>/evaluation/schemes/", schemes.SchemeListView.as_view(),
         name="evaluation_scheme_list"),
    path("programs/<int:program>/evaluation/schemes/default/", schemes.SchemeCreateDefaultView.as_view(),
         name="evaluation_scheme_create_default"),
    path(SCHEME, schemes.SchemeEditView.as_view(), name="evaluation_scheme_edit"),
    path(SCHEME + "aspects/<int:aspect>/", schemes.AspectEditView.as_view(), name="evaluation_aspect_edit"),
    path(SCHEME + "copy/", schemes.SchemeCopyView.as_view(), name="evaluation_scheme_copy"),
    path("programs/<int:program>/evaluation/rounds/", rounds.RoundListView.as_view(), name="evaluation_round_list"),
    path("programs/<int:program>/evaluation/rounds/new/", rounds.RoundCreateView.as_view(),
         name="evaluation_round_create"),
    path(ROUND, rounds.RoundDetailView.as_view(), name="evaluation_round_detail"),
    path(ROUND + "open/", rounds.RoundOpenView.as_view(), name="evaluation_round_open"),
    path(ROUND + "assessors/", rounds.RoundAssessorsView.as_view(), name="evaluation_round_assessors"),
    path(ROUND + "teams/<int:team>/", self_assessment.SelfAssessmentView.as_view(),
         name="evaluation_self_assessment"),
    path(ROUND + "teams/<int:team>/return/", self_assessment.SelfAssessmentReturnView.as_view(),
         name="evaluation_self_assessment_return"),
    path(ROUND + "teams/<int:team>/evidence/<int:evidence>/", self_assessment.EvidenceDownloadView.as_view(),
         name="evaluation_evidence_download"),
    path(ROUND + "teams/<int:team>/evidence/<int:evidence>/delete/", self_assessment.EvidenceDeleteView.as_view(),
         name="evaluation_evidence_delete"),
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
