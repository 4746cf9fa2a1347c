"""Model permissions (a person's own and their groups', django.contrib.auth) count for staff only.

What a person may do on the site's pages is asked of django-rules, first in settings.AUTHENTICATION_BACKENDS.
Model permissions are given and used in the back office, which only staff enter. Where a rule says no, Django
asks the next backends, and ModelBackend (allauth's backend is one too) read them with two queries, on many
pages (a participant's home asks whether they may add a program).
"""


class BackOfficePermissionsBackend:
    """Listed before ModelBackend: for a person who is not staff it fills the model-permission caches
    ModelBackend keeps on the user for the request (Django's own attribute names) with nothing, so ModelBackend
    answers from them without a query. It authenticates nobody (and has no get_user, so a test client's
    force_login does not pick it) and grants nothing itself."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        _read_none_unless_staff(user_obj)
        return False

    def has_module_perms(self, user_obj, app_label):
        _read_none_unless_staff(user_obj)
        return False


def _read_none_unless_staff(user_obj):
    if not user_obj.is_staff:
        for cache in ("_user_perm_cache", "_group_perm_cache", "_perm_cache"):
            if not hasattr(user_obj, cache):
                setattr(user_obj, cache, set())
