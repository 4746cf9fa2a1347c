"""``db_worker`` that also keeps the periodic work (reminders, stalled jobs) scheduled.

    manage.py run_worker [db_worker's options, e.g. --interval 1]
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from bimtek.periodic import periodic_schedule


class Command(BaseCommand):
    help = "Schedule the periodic pass (unless one waits), then run db_worker with the given options."

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*", help="passed on to db_worker (after --)")

    def handle(self, *args, worker_args, **options):
        periodic_schedule(delay=0)
        call_command("db_worker", *worker_args)
