from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from bimtek.downloads import file_download
from bimtek.uploads import CONTENT_TYPES, EXTENSIONS
from bimtek.views.mixins import LimitedUploadMixin, ServiceActionMixin, ServiceFormMixin
from materials import selectors, services
from materials.forms import CompareForm, DraftUploadForm, ExtensionForm, FeedbackForm
from materials.textdiff import COMPARABLE_KINDS, TextUnavailable, compare_versions
from materials.views.mixins import SubmissionMixin

KIND_BY_EXTENSION = {extension: kind for kind, extension in EXTENSIONS.items()}


def submission_redirect(view):
    return redirect("submission_detail", program=view.program.pk, assignment=view.assignment.pk, team=view.team.pk)


class SubmissionDetailView(SubmissionMixin, TemplateView):
    """A team's work on one assignment: its versions and the whole feedback thread, newest first."""

    template_name = "materials/submission_detail.html"

    @cached_property
    def standing(self):
        # Only shown here, so read as the other pages of a team's work keep it; the forms read it afresh.
        return selectors.kept_standings([self.assignment], [self.team])[(self.team.pk, self.assignment.pk)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        versions, thread = selectors.kept_submission_thread(self.submission)
        context.update(versions=versions, thread=thread, can_upload=user.has_perm("materials.upload_draft", self.team),
                       can_review=user.has_perm("materials.review_submission", self.team),
                       comparable=[v for v in versions if v.kind in COMPARABLE_KINDS])
        if len(context["comparable"]) >= 2:
            context["compare_form"] = CompareForm(versions=context["comparable"], initial={
                "old": context["comparable"][1].number, "new": context["comparable"][0].number})
        return context


class DraftUploadView(ServiceFormMixin, LimitedUploadMixin, SubmissionMixin, FormView):
    permission_required = "materials.upload_draft"
    template_name = "materials/draftversion_form.html"
    form_class = DraftUploadForm

    def get_upload_limit(self):
        return self.assignment.max_bytes

    @cached_property
    def open_feedback(self):
        return selectors.open_feedback(self.submission)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assignment": self.assignment, "open_feedback": self.open_feedback}

    def run_service(self, form):
        data = form.cleaned_data
        version = services.draft_submit(
            assignment=self.assignment, team=self.team, file=data["file"], uploaded_by=self.request.user,
            note=data["note"], addressed=[f.pk for f in data.get("addressed") or []])
        if version.is_late:
            messages.warning(self.request, _("Version %(number)s is saved, after the due time: it is marked late.")
                             % {"number": version.number})
        else:
            messages.success(self.request, _("Version %(number)s is saved. Your mentors have been told.")
                             % {"number": version.number})
        return submission_redirect(self)


class VersionMixin(SubmissionMixin):
    @cached_property
    def version(self):
        if self.submission is None:
            raise Http404
        version = get_object_or_404(selectors.submission_versions(self.submission), number=self.kwargs["number"])
        version.submission = self.submission
        return version

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "version": self.version}


class VersionDownloadView(VersionMixin, View):
    def get(self, request, *args, **kwargs):
        return file_download(self.version.file, filename=self.version.original_name,
                             content_type=CONTENT_TYPES[self.version.kind])


class VersionCompareView(SubmissionMixin, TemplateView):
    """What changed between two versions, paragraph by paragraph."""

    template_name = "materials/draftversion_compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = [v for v in selectors.submission_thread(self.submission)[0] if v.kind in COMPARABLE_KINDS]
        if len(versions) < 2:
            context["error"] = _("Two versions in Word (DOCX), OpenDocument text (ODT) or PDF are needed to "
                                 "compare.")
            return context
        data = self.request.GET if "old" in self.request.GET else {"old": versions[1].number,
                                                                    "new": versions[0].number}
        form = CompareForm(data, versions=versions)
        context["compare_form"] = form
        if form.is_valid():
            by_number = {v.number: v for v in versions}
            old, new = sorted((by_number[form.cleaned_data["old"]], by_number[form.cleaned_data["new"]]),
                              key=lambda v: v.number)
            context.update(old=old, new=new)
            try:
                context["comparison"] = compare_versions(old, new)
            except TextUnavailable as error:
                context["error"] = str(error)
        return context


class FeedbackCreateView(ServiceFormMixin, LimitedUploadMixin, VersionMixin, FormView):
    permission_required = "materials.review_submission"
    template_name = "materials/feedback_form.html"
    form_class = FeedbackForm

    def get_upload_limit(self):
        return self.assignment.max_bytes

    @cached_property
    def is_latest(self):
        # self.version first: it answers 404 for a team that has uploaded nothing yet.
        version = self.version
        return selectors.is_latest_version(version)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "latest": self.is_latest}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["earlier_feedback"] = selectors.earlier_feedback(self.version)
        context["is_latest"] = self.is_latest
        return context

    def run_service(self, form):
        data = form.cleaned_data
        services.feedback_give(version=self.version, mentor=self.request.user, comment=data["comment"],
                               decision=data["decision"], file=data["file"])
        messages.success(self.request, _("Your feedback on v%(number)s is saved and the team has been told.")
                         % {"number": self.version.number})
        return submission_redirect(self)


class FeedbackFileDownloadView(SubmissionMixin, View):
    def get(self, request, *args, **kwargs):
        feedback = get_object_or_404(selectors.submission_feedback(self.submission), pk=kwargs["feedback"])
        if not feedback.file:
            raise Http404
        # The stored name ends in the extension of the file's checked kind (see bimtek.filestore.download_name).
        kind = KIND_BY_EXTENSION.get(feedback.original_name.rpartition(".")[2].lower())
        return file_download(feedback.file, filename=feedback.original_name,
                             content_type=CONTENT_TYPES.get(kind, "application/octet-stream"))


class ReviewStartView(ServiceActionMixin, SubmissionMixin, View):
    permission_required = "materials.review_submission"

    def post(self, request, *args, **kwargs):
        if self.submission is None:
            raise Http404
        self.run_action(lambda: services.submission_review_start(submission=self.submission, actor=request.user),
                        _("The team now sees that you are reviewing their work."))
        return submission_redirect(self)


class ExtensionGrantView(ServiceFormMixin, SubmissionMixin, FormView):
    permission_required = "materials.grant_extension"
    template_name = "materials/extension_form.html"
    form_class = ExtensionForm

    def get_initial(self):
        if self.extension:
            return {"due_at": self.extension.due_at, "reason": self.extension.reason}
        return {}

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "revoke" and self.extension:
            services.extension_revoke(extension=self.extension, actor=request.user)
            messages.success(request, _("The extension is withdrawn; the assignment's due time applies again."))
            return submission_redirect(self)
        return super().post(request, *args, **kwargs)

    def run_service(self, form):
        services.extension_grant(assignment=self.assignment, team=self.team, granted_by=self.request.user,
                                 **form.cleaned_data)
        messages.success(self.request, _("%(team)s now has until the new due time.") % {"team": self.team})
        return submission_redirect(self)
