"""Two organizers issuing at the same moment, in real parallel transactions (PostgreSQL only).

SQLite runs one writer at a time whatever the code does, so these tests only
mean something on PostgreSQL, where each thread has its own connection and
the counter row's SELECT … FOR UPDATE is what keeps numbers unique and gap-free.
"""

import threading

import pytest
from django.db import close_old_connections, connection

from certificates import services
from certificates.models import Certificate
from tests import factories
from tests.certificates.helpers import attend, past_sessions

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def in_parallel(jobs):
    """Run each job in its own thread (own database connection), all released at once."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()
    return results, errors


def numbering(program):
    return list(Certificate.objects.filter(program=program).order_by("sequence").values_list("sequence", "number"))


def test_two_bulk_issues_at_once_give_everyone_one_certificate_and_no_number_twice():
    program = factories.make_program()
    organizers = [factories.make_staff(program, "organizer") for _ in range(2)]
    teams = [factories.make_team(program) for _ in range(3)]
    people = [factories.make_participant(team) for team in teams for _ in range(6)]
    sessions = past_sessions(program, 1)
    for person in people:
        attend(sessions, person, 1, by=organizers[0])
    template = factories.make_certificate_template(program)
    services.certificate_settings_update(program=program, min_attendance_percent=75,
                                         require_approved_assignments=False,
                                         number_format="{seq:03d}/BIMTEK-SC/{year}", lesson_hours=None)

    results, errors = in_parallel([
        lambda who=who: services.certificate_bulk_issue(program=program, template=template, issued_by=who,
                                                        early_reason="Penutupan dimajukan")
        for who in organizers
    ])

    assert errors == []
    assert sorted(len(issued) for issued in results) == [0, len(people)]  # the second found nobody waiting
    sequences = [sequence for sequence, _number in numbering(program)]
    assert sequences == list(range(1, len(people) + 1))
    assert Certificate.objects.filter(program=program).values("participant").distinct().count() == len(people)


def test_many_organizers_issuing_by_hand_at_once_get_consecutive_numbers():
    program = factories.make_program()
    team = factories.make_team(program)
    organizer = factories.make_staff(program, "organizer")
    people = [factories.make_participant(team) for _ in range(8)]
    template = factories.make_certificate_template(program)
    # The settings row (the counter) does not exist yet: the first issues also race to create it.

    results, errors = in_parallel([
        lambda person=person: services.certificate_issue_by_hand(
            program=program, template=template, reason="Sesi pengganti", issued_by=organizer, participant=person)
        for person in people
    ])

    assert errors == []
    assert [sequence for sequence, _number in numbering(program)] == list(range(1, 9))
    assert len({certificate.number for certificate in results}) == 8


def test_reissuing_the_same_certificate_twice_at_once_replaces_it_once():
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    certificate = factories.issue_certificate(participant=factories.make_participant(factories.make_team(program)),
                                              by=organizer)

    results, errors = in_parallel([
        lambda: services.certificate_reissue(certificate=certificate, reason="Nama salah", issued_by=organizer)
        for _ in range(2)
    ])

    # The refusal names the certificate (its wording depends on the language of the worker thread).
    assert len(errors) == 1 and certificate.number in str(errors[0])
    assert [sequence for sequence, _number in numbering(program)] == [1, 2]
    certificate.refresh_from_db()
    assert certificate.replaced_by == next(result for result in results if result is not None)
