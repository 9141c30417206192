import string

import pytest
from django.utils import translation

from civichub.taxonomy.models import (
    CtsActivity,
    IAP2Level,
    ParticipatoryMethod,
    TargetGroup,
    Theme,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "minimum"),
    [(Theme, 13), (ParticipatoryMethod, 15), (TargetGroup, 11), (IAP2Level, 5), (CtsActivity, 26)],
)
def test_every_vocabulary_is_seeded_in_both_languages(model, minimum):
    terms = list(model.objects.all())

    assert len(terms) >= minimum
    for term in terms:
        assert term.name
        assert term.name_en
        assert term.slug
    if model is not Theme:  # themes were seeded without descriptions
        assert all(term.description and term.description_en for term in terms)


def test_methods_include_the_classics():
    slugs = set(ParticipatoryMethod.objects.values_list("slug", flat=True))

    assert {
        "world-cafe",
        "open-space-technology",
        "assemblea-di-cittadini",
        "sondaggio-deliberativo",
        "bilancio-partecipativo",
        "focus-group",
        "laboratorio-di-co-progettazione",
        "questionario",
        "town-meeting",
        "planning-for-real",
        "passeggiata-di-quartiere",
        "future-search",
        "appreciative-inquiry",
        "giuria-di-cittadini",
        "dibattito-pubblico",
    } <= slugs


def test_iap2_spectrum_in_order_with_its_promises():
    levels = list(IAP2Level.objects.all())

    assert [level.slug for level in levels] == [
        "informare",
        "consultare",
        "coinvolgere",
        "collaborare",
        "potenziare",
    ]
    assert [level.sort_order for level in levels] == [1, 2, 3, 4, 5]
    assert levels[0].promise_en == "We will keep you informed."
    assert levels[-1].promise == "Realizzeremo ciò che deciderete."
    with translation.override("en"):
        assert levels[-1].tr_promise == "We will implement what you decide."
        assert str(levels[-1]) == "Empower"


def test_cts_activities_are_the_letters_a_to_z_of_article_5():
    activities = list(CtsActivity.objects.all())

    assert [a.code for a in activities] == list(string.ascii_lowercase)
    by_code = {a.code: a for a in activities}
    assert by_code["z"].description == (
        "Riqualificazione di beni pubblici inutilizzati o di beni confiscati alla criminalità "
        "organizzata."
    )
    assert "legge 328/2000" in by_code["a"].description
    assert by_code["t"].name == "Attività sportive dilettantistiche"


def test_english_falls_back_to_italian_when_missing():
    group = TargetGroup.objects.create(name="Pendolari", slug="pendolari")

    with translation.override("en"):
        assert group.tr_name == "Pendolari"
        assert str(TargetGroup.objects.get(slug="giovani")) == "Young people"
