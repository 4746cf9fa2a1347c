"""Test data made through the same services the application uses."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils import timezone

from bimtek.services import program_create
from participants import services as people
from participants.models import Region

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def make_user(*, email=None, full_name="", password=None, **fields):
    user = get_user_model().objects.create_user(email=email or f"{unique('user')}@test.example",
                                                full_name=full_name or unique("Person "), **fields)
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def make_program(*, name=None, start=None, days=120, stage_count=4, organizer=None):
    start = start or timezone.localdate() - datetime.timedelta(days=30)
    return program_create(name=name or unique("Program "), year=start.year, institution="Kementerian Uji",
                          start_date=start, end_date=start + datetime.timedelta(days=days),
                          stage_count=stage_count, created_by=organizer)


def make_region(*, name=None, kind="kabupaten", province="Jawa Barat", time_zone="Asia/Jakarta"):
    return people.region_create(name=name or unique("Region "), kind=kind, province=province, time_zone=time_zone)


def make_team(program, *, region=None):
    return people.team_create(program=program, region=region or make_region())


def make_participant(team, *, user=None, full_name=None, **fields):
    email = user.email if user else f"{unique('peserta')}@test.example"
    return people.participant_add(team=team, email=email, full_name=full_name or unique("Peserta "), **fields)


def make_staff(program, role, *, user=None):
    user = user or make_user()
    people.program_role_grant(program=program, user=user, role=role)
    return user


def make_mentor(program, *teams, user=None):
    user = make_staff(program, "mentor", user=user)
    for team in teams:
        people.mentor_assign(team=team, mentor=user)
    return user
