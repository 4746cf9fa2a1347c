from django.core.paginator import Paginator
from django.views.generic import TemplateView

from materials import selectors
from participants.view_mixins import ProgramMixin


class ReviewQueueView(ProgramMixin, TemplateView):
    """Drafts waiting for a decision, oldest first, a page at a time: a mentor's own teams; for organizers every
    mentor's (or one mentor's, with ``?mentor=``), with each mentor's median time to feedback."""

    permission_required = "materials.view_review_queue"
    template_name = "materials/submission_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("page", None)
        all_mentors = user.has_perm("materials.view_all_reviews", self.program)
        mentor_filter = None
        if all_mentors:
            context["stats"] = selectors.mentor_review_stats(self.program)
            context["unassigned"] = selectors.unassigned_waiting_count(self.program)
            mentor_id = self.request.GET.get("mentor", "")
            mentor_filter = int(mentor_id) if mentor_id.isdigit() else None
            context["mentor_filter"] = mentor_filter
            submissions = selectors.waiting_submissions(self.program, mentor=mentor_filter)
        else:
            submissions = selectors.waiting_submissions(self.program, mentor=user)
        paginator = Paginator(submissions, selectors.QUEUE_PAGE_SIZE)
        if all_mentors and mentor_filter is None:
            paginator.count = selectors.waiting_count(self.program)  # kept with the mentors' figures
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(all_mentors=all_mentors, page=page, query=query.urlencode(),
                       queue=selectors.queue_items(page.object_list,
                                                   mentors_of=self.program if all_mentors else None))
        return context
