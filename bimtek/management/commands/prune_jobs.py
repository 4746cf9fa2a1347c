"""Delete finished background jobs older than BIMTEK_JOB_KEEP_DAYS, with their files."""

from django.core.management.base import BaseCommand

from bimtek.jobs import job_prune


class Command(BaseCommand):
    help = "Delete finished background jobs (and their files) older than BIMTEK_JOB_KEEP_DAYS days."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {job_prune()} old jobs.")
