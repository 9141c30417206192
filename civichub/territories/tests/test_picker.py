import re

import pytest
from django import forms
from django.urls import reverse

from civichub.core.forms import FormRenderer
from civichub.territories.forms import MunicipalityField
from civichub.territories.models import Municipality

from .factories import MunicipalityFactory, ProvinceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("marche")]

SEARCH = reverse("territories:municipality_search")


class PlaceForm(forms.Form):
    default_renderer = FormRenderer

    comune = MunicipalityField(label="Comune", help_text="Dove si trova la sede.")


def ascoli() -> Municipality:
    return Municipality.objects.get(istat_code="044007")


# The suggestions endpoint


def test_suggestions_are_an_html_listbox(client):
    response = client.get(SEARCH, {"q": "ascoli", "listbox": "id_comune_listbox"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<ul class="municipality-picker__listbox" role="listbox" id="id_comune_listbox"' in html
    assert f'id="id_comune_listbox-{ascoli().pk}"' in html
    assert f'data-value="{ascoli().pk}" data-label="Ascoli Piceno (AP)"' in html
    assert html.count('role="option"') == 1
    assert 'data-status="1 comune trovato' in html
    assert "<html" not in html


def test_suggestions_put_exact_and_prefix_matches_first():
    Municipality.objects.filter(name="Ancona").update(population=1)

    response_html = _search("ancona")

    labels = re.findall(r'data-label="([^"]+)"', response_html)
    assert labels[0] == "Ancona (AN)"


def test_suggestions_ignore_case_and_accents():
    labels = re.findall(r'data-label="([^"]+)"', _search("SANT ELPIDIO A MARE"))

    assert labels == ["Sant&#x27;Elpidio a Mare (FM)"]


def test_no_suggestion_says_so_and_escapes_the_query(client):
    html = client.get(SEARCH, {"q": "<script>alert(1)</script>"}).content.decode()

    assert 'role="option"' not in html
    assert " hidden>" in html
    assert "Nessun comune trovato per «&lt;script&gt;alert(1)&lt;/script&gt;»." in html
    assert "<script>" not in html


def test_empty_query_gives_an_empty_hidden_listbox(client):
    html = client.get(SEARCH, {"q": "  "}).content.decode()

    assert 'role="option"' not in html
    assert " hidden>" in html
    assert "Nessun comune" not in html


def test_listbox_id_is_checked(client):
    html = client.get(SEARCH, {"q": "ancona", "listbox": '"><script>'}).content.decode()

    assert 'id="comuni-suggeriti"' in html
    assert "<script>" not in html


def _search(query: str) -> str:
    from django.test import Client

    return Client().get(SEARCH, {"q": query}).content.decode()


# The field


def test_rendered_in_the_shared_form_template():
    html = str(PlaceForm())

    assert '<label for="id_comune" class="active">Comune' in html
    text_input = re.search(r'<input type="text" name="comune_text"[^>]*>', html)
    assert text_input
    tag = text_input.group(0)
    for attribute in (
        'role="combobox"',
        'aria-autocomplete="list"',
        'aria-expanded="false"',
        'aria-controls="id_comune_listbox"',
        'id="id_comune"',
        'aria-describedby="id_comune_helptext"',
        f'hx-get="{SEARCH}"',
        'hx-trigger="input changed delay:250ms"',
        'hx-target="#id_comune_results"',
        "required",
    ):
        assert attribute in tag
    assert '<input type="hidden" name="comune" value=""' in html
    assert 'role="listbox" id="id_comune_listbox"' in html
    assert 'role="status"' in html
    assert "territories/picker.js" in html
    assert " style=" not in html
    assert "<script>" not in html


def test_initial_comune_is_shown_by_its_label():
    html = str(PlaceForm(initial={"comune": ascoli().pk}))

    assert 'value="Ascoli Piceno (AP)"' in html
    assert f'<input type="hidden" name="comune" value="{ascoli().pk}"' in html


def test_chosen_suggestion():
    form = PlaceForm({"comune": str(ascoli().pk), "comune_text": "Ascoli Piceno (AP)"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["comune"] == ascoli()


def test_pk_alone_is_accepted():
    form = PlaceForm({"comune": str(ascoli().pk)})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["comune"] == ascoli()


@pytest.mark.parametrize("pk", ["999999999", "abc", "1 OR 1=1"])
def test_invalid_pk_is_refused(pk):
    form = PlaceForm({"comune": pk, "comune_text": "Ascoli Piceno (AP)"})

    assert not form.is_valid()
    assert form.errors["comune"] == ["Il comune scelto non è valido: cercalo di nuovo."]


@pytest.mark.parametrize("text", ["Ascoli Piceno", "  ascoli piceno ", "Ascoli Piceno (ap)"])
def test_without_javascript_an_unambiguous_name_is_resolved(text):
    form = PlaceForm({"comune": "", "comune_text": text})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["comune"] == ascoli()


def test_without_javascript_the_typed_name_wins_over_a_stale_pk():
    ancona = Municipality.objects.get(name="Ancona")

    form = PlaceForm({"comune": str(ancona.pk), "comune_text": "Ascoli Piceno"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["comune"] == ascoli()


def test_same_named_comuni_are_listed():
    for abbreviation in ("TO", "TN"):
        MunicipalityFactory(name="Samone", province=ProvinceFactory(abbreviation=abbreviation))

    form = PlaceForm({"comune": "", "comune_text": "Samone"})

    assert not form.is_valid()
    assert form.errors["comune"] == [
        "Ci sono più comuni con questo nome: Samone (TN), Samone (TO). Scrivi anche la "
        "sigla della provincia, ad esempio «Samone (TN)»."
    ]
    html = str(form)
    assert 'value="Samone"' in html
    assert 'aria-invalid="true"' in html

    form = PlaceForm({"comune": "", "comune_text": "Samone (TO)"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["comune"].province.abbreviation == "TO"


def test_a_partial_name_gets_suggestions():
    form = PlaceForm({"comune": "", "comune_text": "Ascoli"})

    assert not form.is_valid()
    assert form.errors["comune"] == [
        "Nessun comune si chiama esattamente «Ascoli». Forse cercavi: Ascoli Piceno (AP)."
    ]


def test_an_unknown_name_is_explained_and_escaped():
    form = PlaceForm({"comune": "", "comune_text": "<b>Atlantide</b>"})

    assert not form.is_valid()
    assert str(form.errors["comune"][0]).startswith("Nessun comune si chiama «<b>Atlantide</b>».")
    assert "&lt;b&gt;Atlantide&lt;/b&gt;" in str(form)


@pytest.mark.parametrize("data", [{}, {"comune": "", "comune_text": ""}])
def test_required(data):
    form = PlaceForm(data)

    assert not form.is_valid()
    assert form.errors["comune"] == ["Questo campo è obbligatorio."]


def test_cleared_text_drops_the_initial_comune():
    form = PlaceForm(
        {"comune": str(ascoli().pk), "comune_text": ""}, initial={"comune": ascoli().pk}
    )

    assert not form.is_valid()
    assert form.has_changed()


def test_unchanged_choice_is_not_a_change():
    form = PlaceForm(
        {"comune": str(ascoli().pk), "comune_text": "Ascoli Piceno (AP)"},
        initial={"comune": ascoli().pk},
    )

    assert form.is_valid()
    assert not form.has_changed()


def test_restricted_queryset():
    class AnconaOnlyForm(forms.Form):
        comune = MunicipalityField(
            queryset=Municipality.objects.filter(province__abbreviation="AN")
        )

    assert AnconaOnlyForm({"comune_text": "Ancona"}).is_valid()
    form = AnconaOnlyForm({"comune": str(ascoli().pk), "comune_text": "Ascoli Piceno (AP)"})
    assert not form.is_valid()
