"""Base views: every view names the permission it needs; a refusal is a 404.

A view that is open to everyone says so with ``public = True``; the URL ×
role test refuses any other view that names no permission.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
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
    """Stops a file that passes the size limit while it arrives, before it fills the disk.

    The upload handler must be in place before the body is read, and the CSRF
    check reads the body; so CSRF is exempted on dispatch and checked in post(),
    after the handler is installed.
    """

    upload_handler = None

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_upload_limit(self) -> int:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.upload_handler = limit_upload_size(request, self.get_upload_limit())
        return csrf_protect(super().post)(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.upload_handler is not None:
            kwargs["oversized"] = "file" in self.upload_handler.oversized
        return kwargs
