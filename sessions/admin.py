from django.contrib import admin

from sessions.models import (
    Attendance,
    AttendancePolicy,
    InvitationLetter,
    LetterSettings,
    MeetingReportRow,
    SignedSheet,
    TrainingSession,
)


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "kind", "starts_at", "ends_at", "time_zone", "cancelled_at", "sequence"]
    list_filter = ["kind", "stage__program", "stage__ordinal"]
    search_fields = ["title", "venue"]
    filter_horizontal = ["mentors", "expected_teams"]
    readonly_fields = ["sequence", "created_by"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "session", "status", "method", "checked_in_at", "marked_by", "updated_at"]
    list_filter = ["status", "method", "session__stage__program"]
    search_fields = ["person__email", "person__full_name", "session__title"]
    raw_id_fields = ["person", "session", "marked_by"]


@admin.register(AttendancePolicy)
class AttendancePolicyAdmin(admin.ModelAdmin):
    list_display = ["program", "checkin_opens_minutes", "checkin_closes_minutes", "late_after_minutes",
                    "code_rotation_seconds", "online_min_share", "team_quorum"]


@admin.register(SignedSheet)
class SignedSheetAdmin(admin.ModelAdmin):
    list_display = ["original_name", "session", "kind", "size", "uploaded_by", "uploaded_at"]
    raw_id_fields = ["session", "uploaded_by"]
    # The file is downloaded through the permission-checked session page, never from here.
    exclude = ["file"]
    readonly_fields = ["original_name", "kind", "size", "sha256"]


@admin.register(MeetingReportRow)
class MeetingReportRowAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "session", "joined_at", "left_at", "minutes", "person", "ignored"]
    list_filter = ["ignored", "session__stage__program"]
    search_fields = ["name", "email"]
    raw_id_fields = ["session", "person", "imported_by"]


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin):
    list_display = ["program", "number_format", "official_name", "last_sequence"]
    # The logo is set through the organizer's page, which checks its content.
    exclude = ["letterhead_logo"]


@admin.register(InvitationLetter)
class InvitationLetterAdmin(admin.ModelAdmin):
    list_display = ["number", "stage", "team", "dated"]
    list_filter = ["stage__program", "stage__ordinal"]
    search_fields = ["number", "team__region__name"]
    raw_id_fields = ["stage", "team"]
