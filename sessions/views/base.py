from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from participants.view_mixins import ProgramMixin
from sessions import selectors


class SessionMixin(ProgramMixin):
    """A view of one session, looked up through the program in the URL (another program's session: 404)."""

    permission_required = "training.view_session"

    @cached_property
    def session(self):
        return get_object_or_404(selectors.program_sessions(self.program), pk=self.kwargs["session"])

    def get_permission_object(self):
        return self.session

    @cached_property
    def policy(self):
        return selectors.attendance_policy(self.program)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "session": self.session, "stage": self.session.stage,
                "policy": self.policy}
