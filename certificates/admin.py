from django.contrib import admin

from certificates.models import Certificate, CertificateTemplate


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "program", "orientation"]
    list_filter = ["kind", "program"]
    search_fields = ["title", "body"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "holder_name", "role_label", "program", "issued_at", "revoked_at"]
    list_filter = ["program", "revoked_at"]
    search_fields = ["number", "holder_name", "verification_code"]
    raw_id_fields = ["participant", "mentor", "issued_by", "replaced_by", "template"]
    readonly_fields = ["verification_code"]
