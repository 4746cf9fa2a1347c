from django.urls import path  # noqa: F401

from evaluation.views import rounds, schemes, self_assessment

# Each part of the evaluation adds its pages here: the register, rounds and schemes, self-assessment,
# assessment and results. Every pattern is in the permission matrix (tests/matrix/evaluation.py).
urlpatterns = [
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
