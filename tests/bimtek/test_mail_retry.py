"""E-mail is never lost: a mail server that is down means another try later, by the worker."""
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bimtek.accounts import user_invite
from tests.factories import make_user
from tests.workers import work_off

pytestmark = pytest.mark.django_db


class DownMailServer(EmailBackend):
    """The outbox of the test, behind a server that refuses the first ``failures`` connections."""

    failures = 0
    tries = 0

    def send_messages(self, messages):
        DownMailServer.tries += 1
        if DownMailServer.tries <= DownMailServer.failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def down_mail_server(settings):
    settings.BIMTEK_MAIL_TASK_BACKEND = "default"  # the production path: a task row and a real worker
    settings.EMAIL_BACKEND = "tests.bimtek.test_mail_retry.DownMailServer"
    settings.BIMTEK_MAIL_RETRY_SECONDS = 0
    DownMailServer.tries = 0
    return DownMailServer


def test_an_invitation_waits_for_the_worker_and_survives_a_server_that_is_down(down_mail_server, settings):
    down_mail_server.failures = 2
    person = make_user(email="ayu@example.go.id")
    user_invite(user=person)
    assert mail.outbox == []  # the request only recorded it
    work_off()
    work_off()
    work_off()
    assert down_mail_server.tries == 3
    assert [message.to for message in mail.outbox] == [["ayu@example.go.id"]]
    assert "/password/reset/key/" in mail.outbox[0].body
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_after_the_last_attempt_the_failure_is_kept_for_the_administrator(down_mail_server, settings):
    settings.BIMTEK_MAIL_ATTEMPTS = 2
    down_mail_server.failures = 99
    user_invite(user=make_user(email="budi@example.go.id"))
    for _ in range(3):
        work_off()
    assert down_mail_server.tries == 2 and mail.outbox == []
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert failed.args_kwargs["args"][0]["to"] == ["budi@example.go.id"]
    assert "SMTPServerDisconnected" in failed.exception_class_path
