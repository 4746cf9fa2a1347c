"""Write the database and every uploaded file into one archive (see bimtek.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from bimtek.backup import backup_write


class Command(BaseCommand):
    help = "Write the database and the uploads into one .tar.gz archive that `restore` brings back."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="where to write it (default bimtek-backup-<time>.tar.gz)")

    def handle(self, *args, archive=None, **options):
        path = Path(archive or f"bimtek-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup_write(path=path)
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {path}: {sum(manifest['rows'].values())} rows of {len(manifest['rows'])} models, "
            f"{len(manifest['files'])} files."))
