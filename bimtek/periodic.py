"""Work done on a schedule by the workers themselves (reminders, recovering stalled jobs, pruning old files).

Apps register a pass with ``@periodic("name")``: ``function(now=…)``, idempotent (a reminder is claimed in the
database before it is sent, so two workers never send it twice). ``periodic_pass`` runs every registered
function once, then enqueues itself again ``BIMTEK_PERIODIC_SECONDS`` later, so a running ``db_worker`` keeps
the schedule going. ``periodic_schedule()`` starts the chain when none waits: ``manage.py run_worker`` calls it
before it starts the worker, ``manage.py run_reminders --schedule`` too; ``manage.py run_reminders`` alone
does one pass (for cron).
"""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from bimtek.models import ScheduleClaim

logger = logging.getLogger(__name__)
PERIODIC: dict[str, Callable] = {}


def periodic(name: str):
    def register(function):
        PERIODIC[name] = function
        return function
    return register


def periodic_run_all(*, now: datetime.datetime | None = None) -> dict[str, object]:
    """Run every registered pass once; one failing pass does not stop the others. Returns what each returned."""
    now = now or timezone.now()
    results = {}
    for name, function in PERIODIC.items():
        try:
            results[name] = function(now=now)
        except Exception:  # a broken pass is logged; the next pass tries again
            logger.exception("Periodic pass %s failed", name)
            results[name] = None
    return results


def _waiting():
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=periodic_pass.module_path)


def periodic_schedule(*, delay: int | None = None) -> bool:
    """Enqueue the next pass unless one already waits; True when this call enqueued it."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False  # only the database backend keeps a task for later
    with transaction.atomic():
        # Lock the schedule's one row: a second worker finishing a pass at the same instant waits here, then
        # sees the pass this one enqueued (the lock on the waiting task row alone locks nothing when none waits).
        ScheduleClaim.objects.get_or_create(name=periodic_pass.module_path)
        ScheduleClaim.objects.select_for_update().get(name=periodic_pass.module_path)
        if _waiting().exists():
            return False
        seconds = settings.BIMTEK_PERIODIC_SECONDS if delay is None else delay
        periodic_pass.using(run_after=timezone.now() + datetime.timedelta(seconds=seconds)).enqueue()
    return True


@task()
def periodic_pass() -> None:
    periodic_run_all()
    periodic_schedule()
