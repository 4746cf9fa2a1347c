import pytest
from django.utils import translation


@pytest.fixture
def english():
    """Messages in English, the source language (Indonesian is the default)."""
    with translation.override("en"):
        yield
