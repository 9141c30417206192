"""Stems, stop words, highlighting and snippets: the text rules every backend shares."""

import pytest

from .. import analysis


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("partecipativo", "partecipazione"),
        ("quartiere", "quartieri"),
        ("anziano", "anziani"),
        ("laboratorio", "laboratori"),
        ("scuola", "scuole"),
        ("città", "Citta"),
        ("regolamento", "regolamenti"),
    ],
)
def test_forms_of_a_word_share_a_stem(one, other):
    assert set(analysis.variants(one.lower())) & set(analysis.variants(other.lower()))


def test_stop_words_and_punctuation_are_not_indexed():
    assert analysis.terms('Il bilancio dell\'Unione: «NEAR(» OR * "x" -') == [
        "bilanc",
        "union",
        "near",
        "or",
        "x",
    ]


def test_query_groups_are_one_per_distinct_word():
    assert analysis.query_groups("Quartieri e quartieri della città") == [
        ("quartier",),
        ("citt",),
    ]


def test_vocabulary_skips_numbers_short_and_common_words():
    assert analysis.vocabulary("Il 2030 è l'anno della Città e di noi") == {"anno", "città"}


def test_plain_text_of_html():
    assert analysis.plain_text("<p>Uno &amp; due</p><p>tre</p>\n\n quattro") == (
        "Uno & due tre quattro"
    )


def test_highlight_escapes_everything_but_its_marks():
    html = analysis.highlight("<b>Scuole</b> & scuola", ["scuol"])

    assert html == "&lt;b&gt;<mark>Scuole</mark>&lt;/b&gt; &amp; <mark>scuola</mark>"


def test_snippet_is_a_window_around_the_first_match():
    text = " ".join(f"parola{n}" for n in range(100)) + " il giardino condiviso " + "fine " * 50

    snippet = analysis.snippet(text, analysis.variants("giardini"))

    assert snippet is not None
    assert snippet.startswith("… parola93 ")
    assert "il <mark>giardino</mark> condiviso" in snippet
    assert snippet.endswith(" …")
    assert len(snippet.split()) < 40


def test_no_snippet_without_a_match():
    assert analysis.snippet("Nessuna corrispondenza qui", ["giardin"]) is None
