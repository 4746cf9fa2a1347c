from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from bimtek.overview.views import audit, dashboard, exports, home, programs, teams
from bimtek.views import account, jobs

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    # Before allauth's own page of that name: people do not manage their addresses (bimtek.accounts).
    path("accounts/email/", account.EmailView.as_view(), name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("preferences/", programs.PreferencesView.as_view(), name="preferences"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("downloads/", jobs.JobListView.as_view(), name="job_list"),
    path("downloads/<uuid:job>/", jobs.JobDetailView.as_view(), name="job_detail"),
    path("downloads/<uuid:job>/file/", jobs.JobDownloadView.as_view(), name="job_download"),
    path("programs/new/", programs.ProgramCreateView.as_view(), name="program_create"),
    path("programs/<int:program>/", programs.ProgramDetailView.as_view(), name="program_detail"),
    path("programs/<int:program>/edit/", programs.ProgramUpdateView.as_view(), name="program_update"),
    path("programs/<int:program>/stages/new/", programs.StageCreateView.as_view(), name="stage_create"),
    path("programs/<int:program>/dimensions/", programs.DimensionListView.as_view(), name="dimension_list"),
    path("programs/<int:program>/dimensions/<int:dimension>/", programs.DimensionListView.as_view(),
         name="dimension_update"),
    path("programs/<int:program>/stages/<int:ordinal>/edit/", programs.StageUpdateView.as_view(),
         name="stage_update"),
    path("programs/<int:program>/clone/", programs.ProgramCloneView.as_view(), name="program_clone"),
    path("programs/<int:program>/dashboard/", dashboard.DashboardView.as_view(), name="program_dashboard"),
    path("programs/<int:program>/dashboard/rule/", dashboard.ProgressRuleView.as_view(), name="progress_rule"),
    path("programs/<int:program>/exports/", exports.ExportsView.as_view(), name="program_exports"),
    path("programs/<int:program>/exports/status-tugas.xlsx", exports.SubmissionMatrixExportView.as_view(),
         name="submission_matrix_export"),
    path("programs/<int:program>/teams/<int:team>/", teams.TeamDetailView.as_view(), name="team_detail"),
    path("programs/<int:program>/audit/", audit.AuditTrailView.as_view(), name="audit_trail"),
    path("programs/<int:program>/audit/jejak-audit.xlsx", audit.AuditTrailExportView.as_view(),
         name="audit_trail_export"),
    path("", include("participants.urls")),
    path("", include("sessions.urls")),
    path("", include("materials.urls")),
    path("", include("certificates.urls")),
    path("", include("evaluation.urls")),
    path("back-office/", admin.site.urls),
]
