"""Bring back the database and the uploads from a `backup` archive (see bimtek.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bimtek.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = ("Replace every row and uploaded file with those of a `backup` archive. "
            "Run `migrate` first; the rows are replaced in one transaction.")

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing the data")

    def handle(self, *args, archive, yes=False, **options):
        if not yes and input(f"Replace ALL data with {archive}? Type 'yes': ").strip() != "yes":
            raise CommandError("Nothing restored.")
        try:
            manifest = backup_restore(path=Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored {sum(manifest['rows'].values())} rows and {len(manifest['files'])} files "
            f"from the backup of {manifest['created_at']}; every count and checksum matches."))
