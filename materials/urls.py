from django.urls import path

from materials.views import assignments, materials, review, submissions

P = "programs/<int:program>/"
A = P + "assignments/<int:assignment>/"
T = A + "teams/<int:team>/"

urlpatterns = [
    path(P + "materials/", materials.MaterialListView.as_view(), name="material_list"),
    path(P + "materials/new/", materials.MaterialCreateView.as_view(), name="material_create"),
    path(P + "materials/<int:material>/download/", materials.MaterialDownloadView.as_view(),
         name="material_download"),
    path(P + "materials/<int:material>/withdraw/", materials.MaterialDeleteView.as_view(), name="material_delete"),
    path(P + "stages/<int:ordinal>/materials/", materials.StageMaterialsView.as_view(), name="stage_materials"),
    path(P + "assignments/", assignments.AssignmentListView.as_view(), name="assignment_list"),
    path(P + "assignments/new/", assignments.AssignmentCreateView.as_view(), name="assignment_create"),
    path(A, assignments.AssignmentDetailView.as_view(), name="assignment_detail"),
    path(A + "edit/", assignments.AssignmentUpdateView.as_view(), name="assignment_update"),
    path(A + "download-all/", assignments.AssignmentDownloadAllView.as_view(), name="assignment_download_all"),
    path(T, submissions.SubmissionDetailView.as_view(), name="submission_detail"),
    path(T + "upload/", submissions.DraftUploadView.as_view(), name="draft_upload"),
    path(T + "review/", submissions.ReviewStartView.as_view(), name="submission_review_start"),
    path(T + "extension/", submissions.ExtensionGrantView.as_view(), name="extension_grant"),
    path(T + "compare/", submissions.VersionCompareView.as_view(), name="version_compare"),
    path(T + "versions/<int:number>/download/", submissions.VersionDownloadView.as_view(), name="version_download"),
    path(T + "versions/<int:number>/feedback/", submissions.FeedbackCreateView.as_view(), name="feedback_create"),
    path(T + "feedback/<int:feedback>/file/", submissions.FeedbackFileDownloadView.as_view(),
         name="feedback_file_download"),
    path(P + "review/", review.ReviewQueueView.as_view(), name="review_queue"),
]
