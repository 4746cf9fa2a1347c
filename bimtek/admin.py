from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bimtek.accounts import address_confirm
from bimtek.models import AuditEvent, Dimension, Program, Stage, User


def back_office_login(request, extra_context=None):
    """The back office has no login form of its own: it sends people to /accounts/login/.

    One login for everyone, so the back office gets the same failed-attempt limits (settings
    ACCOUNT_RATE_LIMITS) and whatever else that login requires. A logged-in person without back-office
    access is told so, instead of being sent round in a circle.
    """
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("admin:index")
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(target)
        messages.error(request, gettext("Your account has no access to the back office."))
        return redirect("home")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


admin.site.login = back_office_login


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "email" in form.changed_data:
            address_confirm(user=obj)  # the back office sets the address, so it is confirmed


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
