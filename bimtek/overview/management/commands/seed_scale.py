"""Build a program at national size (514 regions × 80 people by default) for benchmarks and load runs."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from bimtek.overview.scale import ScaleSize, build_scale_program


class Command(BaseCommand):
    help = "Create a national-size program (bulk inserts; a few minutes at the default size)."

    def add_arguments(self, parser):
        defaults = ScaleSize()
        parser.add_argument("--regions", type=int, default=defaults.regions)
        parser.add_argument("--team-size", type=int, default=defaults.team_size)
        parser.add_argument("--clinics-per-stage", type=int, default=defaults.clinics_per_stage,
                            help="regional sessions per stage, besides the one national plenary")
        parser.add_argument("--assignments-per-stage", type=int, default=defaults.assignments_per_stage)
        parser.add_argument("--versions", type=int, default=defaults.versions,
                            help="at most this many draft versions per team and assignment")
        parser.add_argument("--name", default="Smart City Nasional (skala)")

    def handle(self, *args, **options):
        size = ScaleSize(regions=options["regions"], team_size=options["team_size"],
                         clinics_per_stage=options["clinics_per_stage"],
                         assignments_per_stage=options["assignments_per_stage"], versions=options["versions"])
        name = f"{options['name']} {datetime.datetime.now():%Y%m%d-%H%M%S}"
        program = build_scale_program(size=size, name=name, today=timezone.localdate(),
                                      progress=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS(f"Created {program.name} (id {program.pk})."))
