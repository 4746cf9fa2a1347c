"""Query pieces every app's selectors use."""

from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce


def count_subquery(queryset):
    """A scalar subquery counting ``queryset``'s rows (0 when there are none), to annotate an outer row with;
    ``queryset`` refers to the outer row through OuterRef."""
    return Coalesce(Subquery(queryset.order_by().annotate(one=Value(1)).values("one")
                             .annotate(n=Count("*")).values("n")[:1]), 0)
