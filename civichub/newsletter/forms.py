from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .services import validate_subscription_email


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Il tuo indirizzo e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Lingua della newsletter"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "Acconsento a ricevere la newsletter mensile e ho letto come vengono trattati "
            "i miei dati"
        ),
        help_text=_("Puoi disiscriverti in qualsiasi momento con il link in fondo a ogni e-mail."),
        error_messages={
            "required": _("Per iscriverti devi acconsentire a ricevere la newsletter.")
        },
    )

    def __init__(self, *args: Any, language: str, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language
        self.fields["email"].initial = email

    def clean_email(self) -> str:
        try:
            return validate_subscription_email(self.cleaned_data["email"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages, code=error.code) from error


class ComposeIssueForm(forms.Form):
    month = forms.DateField(
        label=_("Mese"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Il numero raccoglie quello che è stato pubblicato in quel mese."),
    )
