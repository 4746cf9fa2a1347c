"""The person's own address: shown, never changed by them (see bimtek.accounts)."""

from django.views.generic import TemplateView

from bimtek.views.mixins import PermissionRequiredMixin


class EmailView(PermissionRequiredMixin, TemplateView):
    """Replaces allauth's address management at /accounts/email/.

    A civil servant's official address is set by the organizer who adds them (or the back office); letting
    people add and make primary addresses they never confirmed let anyone collect another person's role, or
    send that person a confirmation mail with text of their choosing. So this page only shows the address;
    every POST is refused (405).
    """

    login_only = True
    template_name = "account/email.html"
    http_method_names = ["get", "head", "options"]

    def has_permission(self):
        return True
