from django.contrib import admin

from certificates.models import Certificate, CertificateSettings, CertificateTemplate, ManualIssue, Signatory


# The pictures are uploaded on the template's page, where they are checked (bimtek.filestore); the back office
# sees what was kept about them.
class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    max_num = 3
    exclude = ["signature"]
    readonly_fields = ["signature_original_name", "signature_kind", "signature_size", "signature_sha256"]


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "program", "orientation"]
    list_filter = ["kind", "program"]
    search_fields = ["title", "body"]
    inlines = [SignatoryInline]
    exclude = ["logo", "background"]
    readonly_fields = ["logo_original_name", "logo_kind", "logo_size", "logo_sha256", "background_original_name",
                       "background_kind", "background_size", "background_sha256"]


@admin.register(CertificateSettings)
class CertificateSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "min_attendance_percent", "require_approved_assignments", "number_format",
                    "last_sequence"]
    readonly_fields = ["last_sequence"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "holder_name", "role_label", "program", "issued_at", "revoked_at"]
    list_filter = ["program", "revoked_at"]
    search_fields = ["number", "holder_name", "verification_code"]
    raw_id_fields = ["participant", "mentor", "issued_by", "revoked_by", "replaced_by", "template"]
    readonly_fields = ["verification_code", "sequence", "number", "variables"]


@admin.register(ManualIssue)
class ManualIssueAdmin(admin.ModelAdmin):
    list_display = ["certificate", "issued_by", "reason", "was_eligible", "created_at"]
    raw_id_fields = ["certificate", "issued_by"]
