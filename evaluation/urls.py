from django.urls import path  # noqa: F401

# Each part of the evaluation adds its pages here: the register, rounds and schemes, self-assessment,
# assessment and results. Every pattern is in the permission matrix (tests/matrix/evaluation.py).
urlpatterns = [
]

# --- The master plan register (eval_register) ---
from evaluation.views import register  # noqa: E402

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
