"""One pass of the scheduled work: reminders, stalled jobs queued again, old job files pruned.

    manage.py run_reminders             # one pass now (e.g. from cron)
    manage.py run_reminders --schedule  # and make sure the workers keep running it every BIMTEK_PERIODIC_SECONDS
"""

from django.core.management.base import BaseCommand

from bimtek.periodic import periodic_run_all, periodic_schedule


class Command(BaseCommand):
    help = "Run the reminders and the other periodic work once; --schedule also keeps the workers doing it."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true",
                            help="Also enqueue the self-rescheduling pass for db_worker, unless one waits already.")

    def handle(self, *args, **options):
        for name, result in periodic_run_all().items():
            self.stdout.write(f"{name}: {result}")
        if options["schedule"]:
            scheduled = periodic_schedule()
            self.stdout.write("periodic pass scheduled" if scheduled else "a periodic pass is already waiting")
