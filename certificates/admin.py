from django.contrib import admin

from certificates.models import Certificate, CertificateSettings, CertificateTemplate, ManualIssue, Signatory


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    max_num = 3


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "program", "orientation"]
    list_filter = ["kind", "program"]
    search_fields = ["title", "body"]
    inlines = [SignatoryInline]


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
