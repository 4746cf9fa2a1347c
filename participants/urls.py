from django.urls import path

from participants import spreadsheet_views, views

urlpatterns = [
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("programs/<int:program>/teams/", views.TeamListView.as_view(), name="team_list"),
    path("programs/<int:program>/teams/new/", views.TeamCreateView.as_view(), name="team_create"),
    path("programs/<int:program>/teams/<int:team>/edit/", views.TeamUpdateView.as_view(), name="team_update"),
    path("programs/<int:program>/teams/<int:team>/members/new/", views.ParticipantCreateView.as_view(),
         name="participant_create"),
    path("programs/<int:program>/teams/<int:team>/members/<int:participant>/edit/",
         views.ParticipantUpdateView.as_view(), name="participant_update"),
    path("programs/<int:program>/teams/<int:team>/members/<int:participant>/remove/",
         views.ParticipantRemoveView.as_view(), name="participant_remove"),
    path("programs/<int:program>/teams/<int:team>/mentors/", views.MentorAssignView.as_view(), name="mentor_assign"),
    path("programs/<int:program>/people/", views.StaffListView.as_view(), name="staff_list"),
    path("programs/<int:program>/people/<int:grant>/revoke/", views.StaffRevokeView.as_view(), name="staff_revoke"),
    path("programs/<int:program>/people/<int:user>/invite/", views.InvitationSendView.as_view(),
         name="invitation_send"),
    path("programs/<int:program>/participants/import/", spreadsheet_views.ParticipantImportView.as_view(),
         name="participant_import"),
    path("programs/<int:program>/participants/import/<int:upload>/",
         spreadsheet_views.ParticipantImportDetailView.as_view(), name="participant_import_detail"),
    path("programs/<int:program>/participants/import/<int:upload>/errors.xlsx",
         spreadsheet_views.ParticipantImportErrorsView.as_view(), name="participant_import_errors"),
    path("programs/<int:program>/participants/import/<int:upload>/discard/",
         spreadsheet_views.ParticipantImportDiscardView.as_view(), name="participant_import_discard"),
    path("programs/<int:program>/participants/import/template.xlsx",
         spreadsheet_views.ParticipantTemplateView.as_view(), name="participant_import_template"),
    path("programs/<int:program>/participants/export.xlsx", spreadsheet_views.ParticipantExportView.as_view(),
         name="participant_export"),
]
