"""Editing schemes: aspects with weights that must add up to 100, each aspect's questions and levels, refused
for a scheme in use (which is copied instead)."""

import pytest
from django.urls import reverse

from evaluation.models import Aspect, Level, Question, Scheme
from evaluation.services.scheme import scheme_create_default
from tests import factories
from tests.evaluation.factories import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(organizer_client):
    return organizer_client


def edit_url(scheme):
    return reverse("evaluation_scheme_edit", kwargs={"program": scheme.program_id, "scheme": scheme.pk})


def scheme_post(scheme, *, weights=None, extra=None, delete=()):
    aspects = list(scheme.aspects.all())
    weights = weights or [a.weight for a in aspects]
    data = {"scheme-name": scheme.name, "scheme-description": "", "scheme-agreement_gap": "2",
            "aspects-TOTAL_FORMS": str(len(aspects) + 1), "aspects-INITIAL_FORMS": str(len(aspects)),
            "aspects-MIN_NUM_FORMS": "0", "aspects-MAX_NUM_FORMS": "20"}
    for i, (aspect, weight) in enumerate(zip(aspects, weights, strict=True)):
        data |= {f"aspects-{i}-id": aspect.pk, f"aspects-{i}-name": aspect.name, f"aspects-{i}-weight": str(weight),
                 f"aspects-{i}-role": aspect.role, f"aspects-{i}-description": aspect.description,
                 f"aspects-{i}-order": aspect.order}
        if aspect.name in delete:
            data[f"aspects-{i}-DELETE"] = "on"
    for key, value in (extra or {}).items():
        data[f"aspects-{len(aspects)}-{key}"] = value
    return data


def test_the_organizer_makes_the_default_scheme_twice_under_two_names(organizer):
    url = reverse("evaluation_scheme_create_default", kwargs={"program": organizer.program.pk})
    organizer.post(url)
    organizer.post(url)
    names = sorted(Scheme.objects.values_list("name", flat=True))
    assert len(names) == 2 and names[1].endswith("(2)")
    listing = organizer.get(reverse("evaluation_scheme_list", kwargs={"program": organizer.program.pk}))
    assert listing.content.decode().count("100 %") == 2


def test_weights_that_do_not_add_up_to_100_are_refused_with_the_total_and_nothing_changes(organizer):
    scheme = scheme_create_default(program=organizer.program)
    response = organizer.post(edit_url(scheme), scheme_post(scheme, weights=[10, 20, 30, 30, 20]))
    page = response.content.decode()
    assert response.status_code == 200 and "add up to 110 %" in page
    assert "Weights add up to 110 %" in page
    assert [a.weight for a in scheme.aspects.all()] == [10, 20, 30, 30, 10]


def test_aspects_are_changed_added_and_removed_in_one_save(organizer):
    scheme = scheme_create_default(program=organizer.program)
    data = scheme_post(scheme, weights=[10, 20, 30, 20, 10], delete=["Quick Win"],
                       extra={"name": "Tata kelola", "weight": "20", "role": "general", "order": "6"})
    response = organizer.post(edit_url(scheme), data)
    assert response.status_code == 302
    assert list(scheme.aspects.values_list("name", "weight")) == [
        ("Baseline", 10), ("Output", 20), ("Outcome", 30), ("Impact", 20), ("Tata kelola", 20)]


def test_questions_and_levels_of_an_aspect_are_edited_and_duplicate_levels_refused(organizer):
    scheme = scheme_create_default(program=organizer.program)
    aspect = scheme.aspects.get(name="Output")
    url = reverse("evaluation_aspect_edit", kwargs={"program": organizer.program.pk, "scheme": scheme.pk,
                                                    "aspect": aspect.pk})
    assert organizer.get(url).status_code == 200
    questions, levels = list(aspect.questions.all()), list(aspect.levels.all())
    data = {"questions-TOTAL_FORMS": str(len(questions) + 1), "questions-INITIAL_FORMS": str(len(questions)),
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "50",
            "levels-TOTAL_FORMS": str(len(levels) + 1), "levels-INITIAL_FORMS": str(len(levels)),
            "levels-MIN_NUM_FORMS": "0", "levels-MAX_NUM_FORMS": "11"}
    for i, q in enumerate(questions):
        data |= {f"questions-{i}-id": q.pk, f"questions-{i}-text": q.text, f"questions-{i}-order": q.order,
                 f"questions-{i}-evidence_required": "on"}
    data |= {f"questions-{len(questions)}-text": "Apakah ada SOP layanan?", f"questions-{len(questions)}-order": 9}
    for i, level in enumerate(levels):
        data |= {f"levels-{i}-id": level.pk, f"levels-{i}-value": level.value,
                 f"levels-{i}-descriptor": level.descriptor}
    refused = organizer.post(url, {**data, f"levels-{len(levels)}-value": "4",
                                   f"levels-{len(levels)}-descriptor": "Lagi"})
    assert "Two levels have the same score" in refused.content.decode()
    assert aspect.questions.count() == len(questions)
    organizer.post(url, {**data, f"levels-{len(levels)}-value": "5", f"levels-{len(levels)}-descriptor": "Teladan"})
    assert Question.objects.filter(aspect=aspect, text="Apakah ada SOP layanan?", evidence_required=False).exists()
    assert list(Level.objects.filter(aspect=aspect).values_list("value", flat=True)) == [0, 1, 2, 3, 4, 5]


def test_a_scheme_in_use_is_refused_with_a_message_and_copied_instead(organizer):
    evaluation_round = make_round(organizer.program)
    scheme = evaluation_round.scheme
    page = organizer.get(edit_url(scheme)).content.decode()
    assert "cannot be changed" in page and "Save the scheme" not in page
    response = organizer.post(edit_url(scheme), scheme_post(scheme, weights=[20, 20, 20, 20, 20]), follow=True)
    assert "cannot be changed. Make a copy" in response.content.decode()
    assert [a.weight for a in scheme.aspects.all()] == [10, 20, 30, 30, 10]
    copy_url = reverse("evaluation_scheme_copy", kwargs={"program": organizer.program.pk, "scheme": scheme.pk})
    response = organizer.post(copy_url, {"name": "Pedoman 2028"})
    copy = Scheme.objects.get(name="Pedoman 2028")
    assert response.url == edit_url(copy) and copy.copied_from == scheme
    assert organizer.post(edit_url(copy), scheme_post(copy, weights=[20, 20, 20, 20, 20])).status_code == 302
    assert [a.weight for a in Aspect.objects.filter(scheme=copy)] == [20] * 5
    taken = organizer.post(copy_url, {"name": "Pedoman 2028"})
    assert "already has a scheme of that name" in taken.content.decode()


def test_another_programs_scheme_is_not_found(organizer):
    scheme = scheme_create_default(program=factories.make_program())
    url = reverse("evaluation_scheme_edit", kwargs={"program": organizer.program.pk, "scheme": scheme.pk})
    assert organizer.get(url).status_code == 404
