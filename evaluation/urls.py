from django.urls import path  # noqa: F401

# Each part of the evaluation adds its pages here: the register, rounds and schemes, self-assessment,
# assessment and results. Every pattern is in the permission matrix (tests/matrix/evaluation.py).
urlpatterns = [
]
