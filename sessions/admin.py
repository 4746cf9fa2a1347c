from django.contrib import admin

from sessions.models import Attendance, TrainingSession


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "kind", "starts_at", "ends_at", "cancelled_at"]
    list_filter = ["kind", "stage__program", "stage__ordinal"]
    search_fields = ["title", "venue"]
    filter_horizontal = ["mentors", "expected_teams"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "status", "method", "checked_in_at", "marked_by"]
    list_filter = ["status", "method", "session__stage__program"]
    search_fields = ["person__email", "person__full_name", "session__title"]
    raw_id_fields = ["person", "session", "marked_by"]
