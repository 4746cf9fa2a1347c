from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from bimtek.models import AuditEvent, Dimension, Program, Stage, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "language", "time_zone", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language", "time_zone"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language", "time_zone"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "institution", "status", "start_date", "end_date"]
    list_filter = ["status", "year"]
    search_fields = ["name", "institution"]
    inlines = [StageInline, DimensionInline]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["program", "ordinal", "title", "start_date", "end_date", "mode"]
    list_filter = ["mode", "program"]
    search_fields = ["title", "venue", "program__name"]


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "order"]
    list_filter = ["program"]
    search_fields = ["name"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the trail is append-only, so the back office can look but not add, change or delete."""

    list_display = ["at", "program", "actor_label", "ip_address", "action", "subject"]
    list_filter = ["action", "program"]
    search_fields = ["actor_label", "subject", "detail"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
