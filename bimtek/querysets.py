"""Query pieces every app's selectors use."""

from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce


def count_subquery(queryset):
    """A scalar subquery counting ``queryset``'s rows (0 when there are none), to annotate an outer row with;
    ``queryset`` refers to the outer row through OuterRef."""
    return Coalesce(Subquery(queryset.order_by().annotate(one=Value(1)).values("one")
                             .annotate(n=Count("*")).values("n")[:1]), 0)


def without_secrets(queryset, *paths):
    """``queryset`` with the users it selects along ``paths`` (select_related) read without their password hash
    and calendar token: for rows kept in a cache, which may be shared (Redis)."""
    return queryset.defer(*(f"{path}__{name}" for path in paths for name in ("password", "calendar_token")))


class PagedRows:
    """A list a Paginator cuts, read a page (a slice) at a time: a subclass says how many rows there are
    (``count``) and reads rows ``start`` to ``stop`` (``page``), never the whole list."""

    def count(self) -> int:
        raise NotImplementedError

    def page(self, start: int, stop: int) -> list:
        raise NotImplementedError

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError(f"{type(self).__name__} is read a page (a slice) at a time")
        return self.page(index.start or 0, index.stop if index.stop is not None else self.count())
