"""Forms of the workspace pages. They collect input; the services validate it (a
service's ``ValidationError`` goes back on the form with ``add_service_error``)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import ProjectStatus
from ..services.workspace import (
    COMMENT_MAX,
    DESCRIPTION_MAX,
    FILE_MAX_BYTES,
    NOTE_MAX,
    SECTION_MAX,
    SECTIONS,
    SUMMARY_MAX,
    TITLE_MAX,
)

ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.jpg,.jpeg,.png,.webp,.gif,.csv,.txt"


def _upload_help() -> str:
    return gettext(
        "PDF, documenti, fogli di calcolo e presentazioni (Office o OpenDocument), immagini, "
        "CSV o testo; al massimo %(size)s."
    ) % {"size": filesizeformat(FILE_MAX_BYTES)}


UPLOAD_HELP = lazy(_upload_help, str)()


class ServiceErrorsMixin:
    """Put a service's ``ValidationError`` on the fields it names (``upload`` is the
    form's ``file``)."""

    field_aliases: dict[str, str] = {"upload": "file"}

    def add_service_error(self, error: ValidationError) -> None:
        form: Any = self
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            target = self.field_aliases.get(field, field)
            form.add_error(target if target in form.fields else None, errors)


class FileUploadForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titolo"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Descrizione"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A che cosa serve il file, per chi lo scarica."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=UPLOAD_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    note = forms.CharField(
        label=_("Nota sulla versione"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Facoltativa, per esempio «prima bozza da commentare»."),
    )


class FileVersionForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(
        label=_("Nuova versione del file"),
        help_text=UPLOAD_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    note = forms.CharField(
        label=_("Che cosa è cambiato"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Facoltativa, per esempio «aggiunti i dati del 2024»."),
    )


class ProjectForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Titolo"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Sintesi"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    objectives = forms.CharField(
        label=_("Obiettivi"),
        max_length=SECTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Una riga vuota separa i paragrafi."),
    )
    partners = forms.CharField(
        label=_("Partner"),
        max_length=SECTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Chi partecipa e con quale ruolo."),
    )
    next_steps = forms.CharField(
        label=_("Prossimi passi"),
        max_length=SECTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    status = forms.ChoiceField(label=_("Stato"), choices=ProjectStatus.choices)
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def to_data(self, budget: list[dict[str, Any]]) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in ("title", "summary", "objectives", "partners", "next_steps", "status")
        }
        data["budget"] = budget
        return data


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Voce"), max_length=200, required=False)
    amount = forms.CharField(
        label=_("Importo (€)"),
        max_length=20,
        required=False,
        help_text=_("Per esempio 1.250,50"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    funder = forms.CharField(label=_("Chi la finanzia"), max_length=200, required=False)
    DELETE = forms.BooleanField(label=_("Elimina questa voce"), required=False)


# Three empty rows after the existing ones: without JavaScript, more rows come back after
# saving (the page reopens with three new empty rows).
BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=50, absolute_max=60)


def budget_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled-in rows of a valid budget formset, without those marked for deletion."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        if any(data.get(name) for name in ("item", "amount", "funder")):
            rows.append({name: data.get(name, "") for name in ("item", "amount", "funder")})
    return rows


class ProjectCommentForm(ServiceErrorsMixin, forms.Form):
    section = forms.ChoiceField(
        label=_("Sezione"),
        required=False,
        choices=[("", _("Tutto il progetto")), *SECTIONS.items()],
    )
    body = forms.CharField(
        label=_("Commento"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
