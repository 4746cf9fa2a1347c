from django.views.generic import TemplateView

from materials import selectors
from participants.view_mixins import ProgramMixin


class ReviewQueueView(ProgramMixin, TemplateView):
    """Drafts waiting for a decision, oldest first: a mentor's own teams; for organizers every mentor's,
    with each mentor's median time to feedback."""

    permission_required = "materials.view_review_queue"
    template_name = "materials/submission_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if user.has_perm("materials.view_all_reviews", self.program):
            queue = selectors.review_queue(self.program, with_mentors=True)
            context["stats"] = selectors.mentor_review_stats(self.program, queue)
            context["unassigned"] = selectors.unassigned_waiting(queue)
            mentor_id = self.request.GET.get("mentor", "")
            if mentor_id.isdigit():
                context["mentor_filter"] = int(mentor_id)
                queue = [item for item in queue if any(m.pk == int(mentor_id) for m in item.mentors)]
            context["all_mentors"] = True
        else:
            queue = selectors.review_queue(self.program, mentor=user)
        context["queue"] = queue
        return context
