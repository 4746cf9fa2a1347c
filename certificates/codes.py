"""Verification codes people can read off paper and type: 13 characters in three groups, 63.8 random bits.

The alphabet leaves out the characters that look alike (0/O, 1/I/l, and L and
U, which read as 1 and V in some hands): 8 digits and 22 capital letters, 30
symbols, written ``XXXX-XXXX-XXXXX``. What someone types is read back with
any case, spaces and dashes. Codes issued before (32 URL-safe characters)
keep verifying as they are.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = (4, 4, 5)
LENGTH = sum(GROUPS)
SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    """'7KQM-2XPH-9RTBW': 13 random symbols of ALPHABET, grouped."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return _grouped(symbols)


def _grouped(symbols: str) -> str:
    parts, start = [], 0
    for size in GROUPS:
        parts.append(symbols[start:start + size])
        start += size
    return "-".join(parts)


def canonical(typed: str) -> str | None:
    """The code as stored, from what someone typed ('7kqm 2xph 9rtbw' -> '7KQM-2XPH-9RTBW'); None if not one."""
    symbols = SEPARATORS.sub("", typed).upper()
    if len(symbols) != LENGTH or any(char not in ALPHABET for char in symbols):
        return None
    return _grouped(symbols)
