"""The base of every view inside one program: the program from the URL. What a page shows for a role is asked of
the rules (``user.has_perm``, ``{% has_perm %}``), not of the roles themselves."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from bimtek import selectors
from bimtek.views.mixins import PermissionRequiredMixin


class ProgramMixin(PermissionRequiredMixin):
    """A view inside one program, taken from the ``program`` URL argument.

    Objects deeper in the URL must be looked up through ``self.program`` so an
    object of another program is a 404 even for someone who may see that one.
    """

    permission_required = "bimtek.view_program"

    @cached_property
    def program(self):
        return get_object_or_404(selectors.program_lookup(), pk=self.kwargs["program"])

    def get_permission_object(self):
        return self.program

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program"] = self.program
        return context

    def stage_in_query(self):
        """The program's stage named by ``?stage=<ordinal>``; None when the value is missing or not a stage."""
        ordinal = self.request.GET.get("stage", "")
        if not (ordinal.isascii() and ordinal.isdigit() and len(ordinal) <= 4):
            return None
        return selectors.stage_by_ordinal(self.program, int(ordinal))
