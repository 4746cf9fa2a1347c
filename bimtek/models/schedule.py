"""One row per schedule, locked while a worker decides whether to enqueue the next run (bimtek.periodic)."""

from django.db import models


class ScheduleClaim(models.Model):
    """Two workers finishing a periodic pass at the same instant both look for a waiting next pass; with no row
    to lock they would both see none and both enqueue one. Each locks this row first, so the second sees the
    first's."""

    name = models.CharField(max_length=60, primary_key=True)

    def __str__(self):
        return self.name
