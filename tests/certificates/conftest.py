import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """Every certificate test asserts messages and reasons in English (``english`` in tests/conftest.py)."""
