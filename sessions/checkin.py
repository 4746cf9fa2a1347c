"""The rotating check-in code and the check-in window.

The code is never stored: it is an HMAC of the secret key, the session and the
current time step, so any worker can compute and check it without a shared
state, and a code photographed and sent to an absent colleague stops working
after one or two steps.
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

CODE_DIGITS = 6


@dataclass(frozen=True)
class Window:
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    late_after: datetime.datetime

    def is_open(self, now):
        return self.opens_at <= now <= self.closes_at


def checkin_window(session, policy) -> Window:
    """From ``checkin_opens_minutes`` before the start to ``checkin_closes_minutes`` after it."""
    return Window(
        opens_at=session.starts_at - datetime.timedelta(minutes=policy.checkin_opens_minutes),
        closes_at=session.starts_at + datetime.timedelta(minutes=policy.checkin_closes_minutes),
        late_after=session.starts_at + datetime.timedelta(minutes=policy.late_after_minutes),
    )


def time_step(policy, now=None) -> int:
    now = now or timezone.now()
    return int(now.timestamp()) // policy.code_rotation_seconds


def seconds_to_next_step(policy, now=None) -> int:
    now = now or timezone.now()
    return policy.code_rotation_seconds - int(now.timestamp()) % policy.code_rotation_seconds


def checkin_code(session_id: int, step: int) -> str:
    """Six digits (easy to type on a phone keypad) derived from the secret key, session and step."""
    key = hashlib.sha256(b"bimtek-checkin:" + settings.SECRET_KEY.encode()).digest()
    digest = hmac.new(key, f"{session_id}:{step}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") % 10 ** CODE_DIGITS
    return f"{number:0{CODE_DIGITS}d}"


def current_code(session, policy, now=None) -> str:
    return checkin_code(session.pk, time_step(policy, now))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())


def code_is_valid(session, code: str, policy, now=None) -> bool:
    """The code of the current step or of the one just before (the screen may have just changed)."""
    code = normalise_code(code)
    if len(code) != CODE_DIGITS:
        return False
    step = time_step(policy, now)
    return any(hmac.compare_digest(code, checkin_code(session.pk, s)) for s in (step, step - 1))
