"""Build the demo program "Gerakan Menuju Smart City 2026". Running it again changes nothing."""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bimtek.models import Program
from bimtek.overview.demo import build

DEMO_PASSWORD = "bimtek-demo-2026"
PROGRAM_NAME = build.PROGRAM_NAME


class Command(BaseCommand):
    help = "Create the demo program with regions, teams, mentors, sessions, assignments and drafts."

    def handle(self, *args, **options):
        User = get_user_model()
        if Program.objects.filter(name=PROGRAM_NAME).exists():
            self.stdout.write("The demo program exists already; nothing changed.")
        else:
            with transaction.atomic():
                logins = build.demo_program(rng=random.Random(2026), today=timezone.localdate())
                # One hash for every demo login: hashing per person costs ~0.3 s each.
                User.objects.filter(email__in=logins).update(password=make_password(DEMO_PASSWORD))
            self.stdout.write(self.style.SUCCESS(f"Created {PROGRAM_NAME}."))
        self.print_logins()

    def print_logins(self):
        program = Program.objects.get(name=PROGRAM_NAME)
        rows = build.demo_logins(program)
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}) at http://127.0.0.1:8000/")
        width = max((len(role) for role, _email in rows), default=0)
        for role, email in rows:
            self.stdout.write(f"  {role:<{width}} {email}")
        self.stdout.write("")
