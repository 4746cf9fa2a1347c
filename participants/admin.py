from django.contrib import admin

from participants import services
from participants.models import MentorAssignment, Participant, ParticipantImport, ProgramRole, Region, Team


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "time_zone"]
    list_filter = ["kind", "time_zone", "province"]
    search_fields = ["name", "province"]


class MentorAssignmentInline(admin.TabularInline):
    model = MentorAssignment
    extra = 0
    autocomplete_fields = ["mentor"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["region", "program"]
    list_filter = ["program", "region__province"]
    search_fields = ["region__name", "region__province"]
    inlines = [MentorAssignmentInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "team", "position", "agency", "team_role", "group"]
    list_filter = ["team__program", "team_role", "group", "team__region__province"]
    search_fields = ["full_name", "nip", "user__email", "agency", "position"]
    autocomplete_fields = ["user", "team"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "team" in form.changed_data:
            services.participant_zone_apply(participant=obj)


@admin.register(MentorAssignment)
class MentorAssignmentAdmin(admin.ModelAdmin):
    list_display = ["mentor", "team", "assigned_at"]
    list_filter = ["team__program"]
    search_fields = ["mentor__email", "mentor__full_name", "team__region__name"]


@admin.register(ProgramRole)
class ProgramRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "program"]
    list_filter = ["role", "program"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]


@admin.register(ParticipantImport)
class ParticipantImportAdmin(admin.ModelAdmin):
    """A record of who imported which list when; lists are imported on the organizer's own screens."""

    list_display = ["original_name", "program", "uploaded_by", "status", "created_at", "imported_at"]
    list_filter = ["status", "program"]
    search_fields = ["original_name", "uploaded_by__email"]
    readonly_fields = ["program", "uploaded_by", "file", "original_name", "kind", "size", "sha256", "team",
                       "send_invitations", "status", "summary", "created_at", "imported_at"]
    exclude = ["preview"]

    def has_add_permission(self, request):
        return False
