import pytest
from django.core.exceptions import ValidationError

from civichub.organisations.models import Kind
from civichub.organisations.validators import (
    normalise_tax_code,
    validate_ipa_code,
    validate_tax_code,
)

VALID_BODY = "00743110157"  # the example from python-stdnum's documentation
VALID_PERSON = "RSSMRA85T10A562S"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" 007 431 101 57 ", VALID_BODY),
        ("IT00743110157", VALID_BODY),
        ("it-00743110157", VALID_BODY),
        ("rssmra85t10a562s", VALID_PERSON),
    ],
)
def test_tax_codes_are_normalised(raw, expected):
    assert normalise_tax_code(raw) == expected
    assert validate_tax_code(raw, kind=Kind.COMPANY) == expected


def test_body_tax_code_is_valid_for_every_kind():
    for kind in Kind.values:
        assert validate_tax_code(VALID_BODY, kind=kind) == VALID_BODY


@pytest.mark.parametrize(
    ("raw", "kind", "message"),
    [
        (
            "00743110158",
            Kind.THIRD_SECTOR,
            "Il codice fiscale o la partita IVA non è valido: la cifra di controllo non "
            "corrisponde. Controlla di averlo copiato correttamente.",
        ),
        (
            "RSSMRA85T10A562X",
            Kind.INFORMAL_GROUP,
            "Il codice fiscale non è valido: il carattere di controllo non corrisponde. "
            "Controlla di averlo copiato correttamente.",
        ),
        (
            "1234567",
            Kind.THIRD_SECTOR,
            "Il codice fiscale deve avere 11 cifre (enti e partite IVA) o 16 caratteri "
            "(persone fisiche): ne hai inseriti 7.",
        ),
        ("0074311015A", Kind.COMPANY, "Un codice di 11 caratteri deve contenere solo cifre."),
        (
            VALID_PERSON,
            Kind.PUBLIC_ADMINISTRATION,
            "Per questo tipo di organizzazione il codice fiscale è numerico, di 11 cifre; il "
            "codice di 16 caratteri è ammesso solo per imprese individuali e gruppi informali.",
        ),
        (
            "0000000000A1234B",
            Kind.COMPANY,
            "Il codice fiscale non è valido: controlla lettere e cifre.",
        ),
    ],
)
def test_invalid_tax_codes_say_what_is_wrong(raw, kind, message):
    with pytest.raises(ValidationError) as caught:
        validate_tax_code(raw, kind=kind)

    assert caught.value.messages == [message]


@pytest.mark.parametrize("code", ["c_a944", "r_emiro", "UNIBO", "m_it"])
def test_ipa_codes_are_accepted_and_lower_cased(code):
    assert validate_ipa_code(f" {code} ") == code.lower()


@pytest.mark.parametrize("code", ["a", "c-a944", "codice ipa", "x" * 21, "c_a944!"])
def test_malformed_ipa_codes_are_refused(code):
    with pytest.raises(ValidationError) as caught:
        validate_ipa_code(code)

    assert "Il codice IPA è fatto di lettere, cifre e trattini bassi" in caught.value.messages[0]
