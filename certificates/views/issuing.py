"""Who is eligible and why; issuing in bulk and by hand."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from bimtek.jobs import job_start
from bimtek.program_cache import TIMEOUT, program_data_version
from bimtek.views.mixins import REFUSED, ServiceActionMixin, ServiceFormMixin
from certificates import eligibility, jobs, selectors, services
from certificates.forms import BulkIssueForm, EligibilityFilterForm, ManualIssueForm
from certificates.models import Kind
from certificates.views.base import CertificatesMixin
from participants.selectors import program_mentors

PAGE_SIZE = 25  # a phone shows 25 people in some 7,000 px; 100 made a 23,000 px page


class EligibilityView(CertificatesMixin, TemplateView):
    """Everyone with eligible / not eligible and the reason, filtered by team, outcome and name, a page at a
    time (participants and mentors paged apart): only the page's people are read, the rule counted by the
    database."""

    template_name = "certificates/eligibility_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        settings = selectors.settings_for(self.program)
        form = EligibilityFilterForm(self.request.GET or None, program=self.program)
        filters = {}
        if form.is_valid():
            filters = {"team": form.cleaned_data.get("team"), "status": form.cleaned_data["status"],
                       "query": form.cleaned_data["query"]}
        people = eligibility.eligibility_page_list(self.program, settings=settings, **filters)
        pages = Paginator(eligibility.ReadWhenShown(people), PAGE_SIZE)
        page = pages.get_page(self.request.GET.get("page"))
        mentors = Paginator(eligibility.ReadWhenShown(eligibility.ProgramMentors(self.program)), PAGE_SIZE)
        mentor_page = mentors.get_page(self.request.GET.get("mentors_page"))
        query, mentor_query = self.request.GET.copy(), self.request.GET.copy()
        query.pop("page", None)
        mentor_query.pop("mentors_page", None)
        # the tables are kept rendered until the program's data changes: their rows are read only to render them
        context.update(settings=settings, filter_form=form, page=page,
                       rows=SimpleLazyObject(lambda: eligibility.page_rows(self.program, page.object_list,
                                                                           settings=settings)),
                       query=query.urlencode(), mentor_page=mentor_page, mentor_query=mentor_query.urlencode(),
                       mentors=SimpleLazyObject(lambda: eligibility.mentor_rows(self.program,
                                                                                mentor_page.object_list)),
                       show_approvals=settings.require_approved_assignments,
                       figures_version=program_data_version(self.program), figures_timeout=TIMEOUT)
        return context


class BulkIssueView(ServiceActionMixin, CertificatesMixin, View):
    """Issue the chosen template to everyone of its kind who is eligible and has no certificate yet."""

    def post(self, request, *args, **kwargs):
        kind = kwargs["kind"]
        if kind not in Kind.values:
            raise Http404
        form = BulkIssueForm(request.POST, program=self.program, kind=kind)
        if not form.is_valid():
            messages.error(request, _("Choose a template of this kind first."))
            return redirect("certificate_overview", program=self.program.pk)
        template = form.cleaned_data["template"]
        if jobs.people_of_kind(self.program, kind) > jobs.ISSUE_IN_REQUEST_MAX:
            job = job_start(kind=jobs.BULK_ISSUE, owner=request.user, program=self.program,
                            params={"template": template.pk, "early_reason": form.cleaned_data["early_reason"]},
                            title=_("Certificates issued from %(template)s") % {"template": template})
            return redirect("job_detail", job=job.pk)
        issued = self.run_action(lambda: services.certificate_bulk_issue(
            program=self.program, template=template, issued_by=request.user,
            early_reason=form.cleaned_data["early_reason"]))
        if issued is REFUSED:
            return redirect("certificate_overview", program=self.program.pk)
        signers = selectors.self_signers(self.program, template)
        if signers:
            messages.warning(request, _("No certificate from this template for %(names)s: they sign it themselves. "
                                        "Issue theirs by hand with a template another official signs.")
                             % {"names": ", ".join(signers)})
        if issued:
            messages.success(request, ngettext(
                "%(count)d certificate issued: %(first)s to %(last)s.",
                "%(count)d certificates issued: %(first)s to %(last)s.", len(issued)) % {
                "count": len(issued), "first": issued[0].number, "last": issued[-1].number})
        else:
            messages.info(request, _("Nobody was waiting for a certificate: everyone eligible has one already."))
        return redirect("certificate_overview", program=self.program.pk)


class ManualIssueMixin(ServiceFormMixin, CertificatesMixin, FormView):
    """Issue one person a certificate by hand, with a reason, whatever the rule says."""

    template_name = "certificates/manual_issue_form.html"
    form_class = ManualIssueForm
    kind = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program, "kind": self.kind}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person_name"] = self.person_name
        context["kind"] = self.kind
        context["row"] = self.eligibility
        return context

    def run_service(self, form):
        certificate = services.certificate_issue_by_hand(
            program=self.program, template=form.cleaned_data["template"], reason=form.cleaned_data["reason"],
            issued_by=self.request.user, **self.holder_arguments())
        messages.success(self.request, _("Certificate %(number)s issued to %(name)s.") % {
            "number": certificate.number, "name": certificate.holder_name})
        return redirect("certificate_detail", program=self.program.pk, certificate=certificate.pk)


class ManualIssueParticipantView(ManualIssueMixin):
    kind = Kind.PARTICIPANT

    @cached_property
    def participant(self):
        return get_object_or_404(selectors.program_participants(self.program), pk=self.kwargs["participant"])

    @property
    def person_name(self):
        return self.participant.full_name

    @cached_property
    def eligibility(self):
        return eligibility.participant_eligibility(self.program, participant=self.participant)[0]

    def holder_arguments(self):
        return {"participant": self.participant}


class ManualIssueMentorView(ManualIssueMixin):
    kind = Kind.MENTOR

    @cached_property
    def mentor(self):
        return get_object_or_404(program_mentors(self.program), pk=self.kwargs["user"])

    @property
    def person_name(self):
        return self.mentor.full_name or self.mentor.email

    eligibility = None

    def holder_arguments(self):
        return {"mentor": self.mentor}
