"""The master plan register and the evaluation: teams write their register and self-assessment, mentors review
the register, assessors score only the teams assigned to them, organizers run rounds."""

from tests.matrix import Entry  # noqa: F401

ENTRIES = {
}
