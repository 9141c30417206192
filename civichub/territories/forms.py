"""The comune picker: a form field and its autocomplete widget.

The widget renders a text input (ARIA 1.2 combobox) and a hidden input with the
chosen comune's pk. With JavaScript, HTMX fetches suggestions from
``territories:municipality_search`` and ``territories/picker.js`` handles the
listbox and the keyboard. Without it, the text is submitted and the field resolves
an unambiguous name («Bologna», «Samone (TN)») or explains which comuni match.
"""

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Municipality
from .names import normalise
from .selectors import municipality_filter

TEXT_SUFFIX = "_text"
MAX_CANDIDATES = 8
# «Samone (TN)»: a name followed by a province abbreviation in brackets.
_WITH_ABBREVIATION = re.compile(r"^(?P<name>.+?)\s*\((?P<abbreviation>[A-Za-z]{2})\)$")


@dataclass(frozen=True)
class MunicipalityInput:
    """What the browser sent: the hidden pk and the visible text (None when the
    text input was not submitted at all, e.g. a programmatic POST)."""

    pk: str
    text: str | None


class MunicipalityAutocomplete(forms.Widget):
    template_name = "territories/widgets/municipality_autocomplete.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"class": "form-control", **(attrs or {})})
        # MunicipalityField sets a ModelChoiceIterator here, as it would for a <select>;
        # the widget only uses its queryset, to show an initial comune by its label.
        self.choices: Any = ()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> MunicipalityInput | None:
        pk, text = data.get(name), data.get(name + TEXT_SUFFIX)
        if pk is None and text is None:
            return None
        return MunicipalityInput(pk=pk or "", text=text)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and name + TEXT_SUFFIX not in data

    def _pk_and_text(self, value: Any) -> tuple[str, str]:
        if isinstance(value, MunicipalityInput):
            return value.pk, value.text or ""
        if value in (None, ""):
            return "", ""
        # An initial value: a pk, shown with its label.
        queryset = getattr(self.choices, "queryset", Municipality.objects.all())
        municipality = queryset.select_related("province").filter(pk=str(value)).first()
        return (str(municipality.pk), municipality.label) if municipality else ("", "")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        pk, text = self._pk_and_text(value)
        element_id = context["widget"]["attrs"].get("id") or name
        context["widget"].update(
            {
                "pk": pk,
                "text": text,
                "text_name": name + TEXT_SUFFIX,
                "listbox_id": f"{element_id}_listbox",
                "results_id": f"{element_id}_results",
                "status_id": f"{element_id}_status",
                "search_url": reverse("territories:municipality_search"),
            }
        )
        return context


class MunicipalityField(forms.ModelChoiceField):
    """A comune, chosen by name. ``cleaned_data`` holds the ``Municipality``."""

    widget = MunicipalityAutocomplete
    default_error_messages = {
        "invalid_choice": _("Il comune scelto non è valido: cercalo di nuovo."),
        "not_found": _(
            "Nessun comune si chiama «%(text)s». Controlla come è scritto oppure scegli "
            "uno dei comuni suggeriti."
        ),
        "suggestions": _(
            "Nessun comune si chiama esattamente «%(text)s». Forse cercavi: %(names)s."
        ),
        "ambiguous": _(
            "Ci sono più comuni con questo nome: %(names)s. Scrivi anche la sigla della "
            "provincia, ad esempio «%(example)s»."
        ),
    }

    def __init__(self, queryset: QuerySet[Municipality] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset if queryset is not None else Municipality.objects.all(), **kwargs)

    def label_from_instance(self, obj: Municipality) -> str:
        return obj.label

    def to_python(self, value: Any) -> Municipality | None:
        if not isinstance(value, MunicipalityInput):
            return self._by_pk(value)
        if value.text is None:
            return self._by_pk(value.pk)
        text = value.text.strip()
        if not text:
            return None
        if value.pk:
            chosen = self._by_pk(value.pk)
            # Without JavaScript the hidden pk keeps the initial comune while the
            # person types another name: the text wins when they disagree.
            if chosen and normalise(text) in (normalise(chosen.label), normalise(chosen.name)):
                return chosen
        return self._by_name(text)

    def _municipalities(self) -> QuerySet[Municipality]:
        assert self.queryset is not None  # always set by __init__
        return self.queryset.select_related("province")

    def _by_pk(self, pk: Any) -> Municipality | None:
        if pk in self.empty_values:
            return None
        try:
            return self._municipalities().get(pk=pk)
        except (ValueError, TypeError, Municipality.DoesNotExist):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    def _by_name(self, text: str) -> Municipality:
        name, abbreviation = text, ""
        match = _WITH_ABBREVIATION.match(text)
        if match:
            name, abbreviation = match["name"], match["abbreviation"].upper()
        same_name = self._municipalities().filter(
            Q(search_name=normalise(name)) | Q(name__iexact=name)
        )
        if abbreviation:
            same_name = same_name.filter(province__abbreviation=abbreviation)
        exact = list(same_name.order_by("province__abbreviation")[:MAX_CANDIDATES])
        if len(exact) == 1:
            return exact[0]
        if exact:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"names": _names(exact), "example": exact[0].label},
            )
        similar = list(municipality_filter(self._municipalities(), name)[:MAX_CANDIDATES])
        if similar:
            raise ValidationError(
                self.error_messages["suggestions"],
                code="suggestions",
                params={"text": text, "names": _names(similar)},
            )
        raise ValidationError(
            self.error_messages["not_found"], code="not_found", params={"text": text}
        )

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            value = self.to_python(data)
        except ValidationError:
            return True
        initial_pk = self.prepare_value(initial)
        return str(initial_pk or "") != str(value.pk if value else "")


def _names(municipalities: list[Municipality]) -> str:
    return ", ".join(m.label for m in municipalities)
