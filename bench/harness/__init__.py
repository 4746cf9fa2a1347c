"""The start every benchmark shares: Django on a throwaway SQLite database and media folder.

A package, not a module, so that ``make bench`` (which runs bench/*.py) does not run it.
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def django_setup(*, prefix: str = "bimtek-bench-") -> Path:
    """Point the settings at a new temporary folder (database, media, upload temp files) and set Django up.

    Mail stays in memory and only warnings are logged. Returns the folder; the
    script runs the migrations itself.
    """
    work = Path(tempfile.mkdtemp(prefix=prefix))
    sys.path.insert(0, str(ROOT))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bimtek.settings",
        "DJANGO_DEBUG": "1",
        # BENCH_DATABASE_URL measures on another database (e.g. PostgreSQL) instead of the throwaway SQLite.
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_FILE_UPLOAD_TEMP_DIR": str(work),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
    })
    import django

    django.setup()
    return work


def demo_teams(program):
    """One team per demo region (regions made once and shared by every program of the run)."""
    from bimtek.overview.demo.regions import REGIONS
    from participants import services as people
    from participants.models import Region

    teams = []
    for name, kind, province, zone in REGIONS:
        region = Region.objects.filter(name=name, kind=kind).first() or people.region_create(
            name=name, kind=kind, province=province, time_zone=zone)
        teams.append(people.team_create(program=program, region=region))
    return teams


def bulk_participants(teams, count, *, rng, email_prefix):
    """``count`` invented participants spread over ``teams``, created in two bulk inserts."""
    from django.contrib.auth import get_user_model

    from bimtek.overview.demo.people import invented_person
    from participants.models import Participant

    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"{email_prefix}{n}@bench.example", full_name=f"bench {n}") for n in range(count))
    members = []
    for number, user in enumerate(users):
        person = invented_person(rng)
        members.append(Participant(user=user, team=teams[number % len(teams)], full_name=person["full_name"],
                                   nip=person["nip"], position=person["position"], agency=person["agency"]))
    return Participant.objects.bulk_create(members)
