from django.contrib import admin

from materials.models import Assignment, DraftVersion, Extension, Feedback, Material, Submission


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "session", "created_by", "created_at"]
    list_filter = ["stage__program", "stage__ordinal"]
    search_fields = ["title"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "dimension", "due_at"]
    list_filter = ["stage__program", "stage__ordinal", "dimension"]
    search_fields = ["title", "instructions"]


@admin.register(Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ["team", "assignment", "due_at", "granted_by", "granted_at"]
    list_filter = ["assignment__stage__program"]
    search_fields = ["team__region__name", "assignment__title", "reason"]
    raw_id_fields = ["team", "assignment", "granted_by"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["team", "assignment", "status", "waiting_since", "updated_at"]
    list_filter = ["status", "assignment__stage__program"]
    search_fields = ["team__region__name", "assignment__title"]


@admin.register(DraftVersion)
class DraftVersionAdmin(admin.ModelAdmin):
    list_display = ["submission", "number", "original_name", "size", "uploaded_by", "uploaded_at", "is_late"]
    list_filter = ["is_late", "kind", "submission__assignment__stage__program"]
    search_fields = ["original_name", "sha256", "submission__team__region__name"]
    raw_id_fields = ["submission", "uploaded_by"]

    def has_change_permission(self, request, obj=None):
        return False  # versions are immutable


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["version", "mentor", "decision", "created_at", "addressed_at"]
    list_filter = ["decision", "version__submission__assignment__stage__program"]
    search_fields = ["comment", "mentor__email"]
    raw_id_fields = ["version", "mentor"]
