from django.urls import path

from certificates.views import issuing, register, setup, verify

P = "programs/<int:program>/certificates/"

urlpatterns = [
    # The QR code's short public address.
    path("v/", verify.VerifySearchView.as_view(), name="certificate_verify_search"),
    path("v/<str:code>/", verify.VerifyView.as_view(), name="certificate_verify"),
    path(P, setup.OverviewView.as_view(), name="certificate_overview"),
    path(P + "settings/", setup.SettingsView.as_view(), name="certificate_settings"),
    path(P + "templates/new/", setup.TemplateCreateView.as_view(), name="certificate_template_create"),
    path(P + "templates/<int:template>/", setup.TemplateUpdateView.as_view(), name="certificate_template_update"),
    path(P + "templates/<int:template>/preview.pdf", setup.TemplatePreviewView.as_view(),
         name="certificate_template_preview"),
    path(P + "templates/<int:template>/delete/", setup.TemplateDeleteView.as_view(),
         name="certificate_template_delete"),
    path(P + "eligibility/", issuing.EligibilityView.as_view(), name="certificate_eligibility"),
    path(P + "issue/<str:kind>/", issuing.BulkIssueView.as_view(), name="certificate_bulk_issue"),
    path(P + "issue/participant/<int:participant>/", issuing.ManualIssueParticipantView.as_view(),
         name="certificate_issue_participant"),
    path(P + "issue/mentor/<int:user>/", issuing.ManualIssueMentorView.as_view(), name="certificate_issue_mentor"),
    path(P + "register/", register.RegisterView.as_view(), name="certificate_register"),
    path(P + "register.xlsx", register.RegisterExportView.as_view(), name="certificate_register_export"),
    path(P + "all.pdf", register.BulkPdfView.as_view(), name="certificate_bulk_pdf"),
    path(P + "all.zip", register.BulkZipView.as_view(), name="certificate_bulk_zip"),
    path(P + "<int:certificate>/", register.CertificateDetailView.as_view(), name="certificate_detail"),
    path(P + "<int:certificate>/pdf/", register.CertificateDownloadView.as_view(), name="certificate_download"),
    path(P + "<int:certificate>/revoke/", register.CertificateRevokeView.as_view(), name="certificate_revoke"),
    path(P + "<int:certificate>/reissue/", register.CertificateReissueView.as_view(), name="certificate_reissue"),
]
