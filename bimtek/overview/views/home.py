from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from bimtek.overview import selectors


class HomeView(LoginRequiredMixin, TemplateView):
    """Everyone's start page: one panel per program and role, with that role's data."""

    # Any logged-in person may see their own home page; the data is scoped to them.
    login_only = True
    template_name = "bimtek/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = selectors.home_panels(self.request.user)
        context["can_add_program"] = self.request.user.has_perm("bimtek.add_program")
        return context
