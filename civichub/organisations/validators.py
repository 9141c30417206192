"""Checks on the identifiers of Italian organisations: codice fiscale, partita IVA, IPA code."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.it import codicefiscale, iva

from .models import Kind

# Sole traders and informal groups may be identified by a person's codice fiscale.
PERSONAL_TAX_CODE_KINDS = {Kind.COMPANY, Kind.INFORMAL_GROUP}
IPA_CODE_RE = re.compile(r"^[A-Za-z0-9_]{2,20}$")
LOGO_MAX_BYTES = 2 * 1024 * 1024


def normalise_tax_code(value: str) -> str:
    """Upper case without separators; a leading ``IT`` (VAT number written with its country
    prefix) is dropped."""
    compact = re.sub(r"[\s.\-/]", "", value or "").upper()
    if len(compact) == 13 and compact.startswith("IT") and compact[2:].isdigit():
        compact = compact[2:]
    return compact


def validate_tax_code(value: str, *, kind: str) -> str:
    """Return the normalised codice fiscale / partita IVA or raise a ``ValidationError``
    that says what is wrong: length, characters or check digit."""
    code = normalise_tax_code(value)
    if len(code) == 11:
        if not code.isdigit():
            raise ValidationError(
                _("Un codice di 11 caratteri deve contenere solo cifre."), code="tax_code_format"
            )
        try:
            iva.validate(code)
        except InvalidChecksum as exc:
            raise ValidationError(
                _(
                    "Il codice fiscale o la partita IVA non è valido: la cifra di controllo "
                    "non corrisponde. Controlla di averlo copiato correttamente."
                ),
                code="tax_code_checksum",
            ) from exc
        except StdnumError as exc:
            raise ValidationError(
                _("Il codice fiscale o la partita IVA non è valido: controlla le cifre."),
                code="tax_code_format",
            ) from exc
        return code
    if len(code) == 16:
        if kind not in PERSONAL_TAX_CODE_KINDS:
            raise ValidationError(
                _(
                    "Per questo tipo di organizzazione il codice fiscale è numerico, di 11 "
                    "cifre; il codice di 16 caratteri è ammesso solo per imprese individuali "
                    "e gruppi informali."
                ),
                code="tax_code_personal",
            )
        try:
            codicefiscale.validate(code)
        except InvalidChecksum as exc:
            raise ValidationError(
                _(
                    "Il codice fiscale non è valido: il carattere di controllo non corrisponde. "
                    "Controlla di averlo copiato correttamente."
                ),
                code="tax_code_checksum",
            ) from exc
        except StdnumError as exc:
            raise ValidationError(
                _("Il codice fiscale non è valido: controlla lettere e cifre."),
                code="tax_code_format",
            ) from exc
        return code
    raise ValidationError(
        _(
            "Il codice fiscale deve avere 11 cifre (enti e partite IVA) o 16 caratteri "
            "(persone fisiche): ne hai inseriti %(count)d."
        )
        % {"count": len(code)},
        code="tax_code_length",
    )


def normalise_ipa_code(value: str) -> str:
    return (value or "").strip().lower()


def validate_ipa_code(value: str) -> str:
    code = normalise_ipa_code(value)
    if not IPA_CODE_RE.match(code):
        raise ValidationError(
            _(
                "Il codice IPA è fatto di lettere, cifre e trattini bassi, da 2 a 20 caratteri "
                "(ad esempio c_a944): lo trovi su indicepa.gov.it."
            ),
            code="ipa_code_format",
        )
    return code
