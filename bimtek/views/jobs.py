"""A person's background jobs: what is being made, how far it is, and the file when it is ready."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView, View

from bimtek import selectors
from bimtek.downloads import file_download
from bimtek.jobs import job_start
from bimtek.models import BackgroundJob
from bimtek.services import audit_record
from bimtek.views.mixins import PermissionRequiredMixin


class JobListView(PermissionRequiredMixin, ListView):
    login_only = True
    template_name = "bimtek/job_list.html"
    context_object_name = "jobs"
    paginate_by = 25

    def has_permission(self):
        return True

    def get_queryset(self):
        return selectors.own_jobs(self.request.user)


class JobMixin(PermissionRequiredMixin):
    permission_required = "bimtek.view_job"

    @cached_property
    def job(self):
        return get_object_or_404(selectors.job_lookup(), pk=self.kwargs["job"])

    def get_permission_object(self):
        return self.job


class JobDetailView(JobMixin, DetailView):
    template_name = "bimtek/job_detail.html"
    context_object_name = "job"

    def get_object(self, queryset=None):
        return self.job


class JobDownloadView(JobMixin, View):
    def get(self, request, *args, **kwargs):
        if self.job.status != BackgroundJob.Status.DONE or not self.job.file:
            raise Http404  # not made (yet): the job's page says why
        return file_download(self.job.file, filename=self.job.file_name, content_type=self.job.content_type)



class JobStartMixin:
    """A POST that asks a worker for a document and shows its /downloads/ page; the view's permission still holds.

    Subclasses name ``job_kind`` and give ``job_title()`` and ``job_params()`` (what the worker needs to redo
    the request: ids and plain values, never objects).
    """

    http_method_names = ["post"]
    job_kind = ""
    # The audit trail's action for asking for the file (AuditAction), when it holds personal data.
    audit_action = ""

    def job_title(self) -> str:
        raise NotImplementedError

    def job_params(self) -> dict:
        return {}

    def post(self, request, *args, **kwargs):
        program = getattr(self, "program", None)
        job = job_start(kind=self.job_kind, owner=request.user, title=str(self.job_title())[:200],
                        program=program, params=self.job_params())
        if self.audit_action and program is not None:
            audit_record(program=program, action=self.audit_action, subject=job.title)
        return redirect("job_detail", job=job.pk)
