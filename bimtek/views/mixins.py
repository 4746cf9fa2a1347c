"""Base views: every view names the permission it needs; a refusal is a 404.

A view that is open to everyone says so with ``public = True``; the URL ×
role test refuses any other view that names no permission.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from bimtek.uploads import limit_upload_size


class PermissionRequiredMixin(LoginRequiredMixin):
    """Log in first; then the user needs ``permission_required`` on ``get_permission_object()``.

    Refusals answer 404, so nobody learns that another team's or program's
    object exists.
    """

    permission_required = None

    def get_permission_object(self):
        return None

    def has_permission(self):
        if not self.permission_required:
            raise ImproperlyConfigured(f"{type(self).__name__} names no permission_required.")
        perms = (self.permission_required,) if isinstance(self.permission_required, str) else self.permission_required
        obj = self.get_permission_object()
        return all(self.request.user.has_perm(perm, obj) for perm in perms)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_permission():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class LimitedUploadMixin:
    """Stops a file that passes the size limit while it arrives, before it fills the disk; every upload view
    has it (see bimtek.filestore). Its forms (bimtek.forms.UploadFormMixin) get ``upload_form_kwargs``.

    The upload handler must be in place before the body is read, and the CSRF
    check reads the body; so CSRF is exempted on dispatch and checked once the
    handler is installed.
    """

    upload_handler = None

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        # Anonymous: the login redirect comes first, before the limit (which may read the URL's objects, and so
        # answer 404) and without reading the body.
        if request.method != "POST" or not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.upload_handler = limit_upload_size(request, self.get_upload_limit())
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def get_upload_limit(self) -> int:
        raise NotImplementedError

    @property
    def upload_form_kwargs(self) -> dict:
        oversized = self.upload_handler.oversized if self.upload_handler is not None else set()
        return {"oversized": oversized, "max_bytes": self.get_upload_limit()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.upload_form_kwargs}


REFUSED = object()


class ServiceActionMixin:
    """A one-button view (a POST, then back to a page) whose service may refuse: ``run_action`` turns the
    refusal into an error message, nothing changed, and otherwise says ``success`` (a text, or made from the
    service's result). It returns that result, or REFUSED."""

    def run_action(self, call, success=None):
        try:
            result = call()
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return REFUSED
        if success is not None:
            messages.success(self.request, success(result) if callable(success) else success)
        return result


class ServiceFormMixin:
    """A form view whose valid form goes to one service: ``run_service(form)`` calls it and returns the
    response (usually a redirect with a message). A ValidationError the service raises is shown on the form,
    on ``service_error_field`` or above the fields, and the page is shown again with nothing changed; a view
    that shows some refusals otherwise overrides ``service_refused``."""

    service_error_field = None

    def run_service(self, form):
        raise NotImplementedError

    def service_refused(self, form, error):
        form.add_error(self.service_error_field, error)
        return self.form_invalid(form)

    def form_valid(self, form):
        try:
            return self.run_service(form)
        except ValidationError as error:
            return self.service_refused(form, error)
