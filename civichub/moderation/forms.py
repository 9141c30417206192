import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import NOTE_MAX, REASON_MAX


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Perché lo segnali?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Scegli il motivo della segnalazione.")},
    )
    note = forms.CharField(
        label=_("Nota per i moderatori"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facoltativa, obbligatoria se scegli «Altro». Non è visibile all'autore."),
    )


class ActionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivazione"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sarà comunicata all'autore."),
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivazione"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sarà comunicata alla persona."),
        error_messages={"required": _("Scrivi il motivo: sarà comunicato alla persona.")},
    )
    until = forms.DateField(
        label=_("Fino al"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Lascia vuoto per sospendere fino alla revoca."),
    )

    def clean_until(self) -> datetime.datetime | None:
        day = self.cleaned_data.get("until")
        if day is None:
            return None
        if day <= timezone.localdate():
            raise forms.ValidationError(_("La data di fine deve essere nel futuro."))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
