"""Site forms of the working areas: join request, facilitators' forms. They turn input
into what ``services.areas`` expects; the membership rules live in the services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from civichub.accounts.models import User
from civichub.accounts.permissions import has_joined

from ..services import areas as services


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Messaggio ai facilitatori (facoltativo)"),
        help_text=_("Racconta in breve chi sei e perché vuoi partecipare."),
        max_length=services.MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo (facoltativo, comunicato alla persona se rifiuti)"),
        max_length=services.REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo della rimozione"),
        help_text=_("Lo comunichiamo alla persona."),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    person = forms.CharField(
        label=_("Persona da invitare"),
        help_text=_("L'indirizzo e-mail o il codice del profilo di un iscritto all'hub."),
        max_length=254,
    )

    def clean_person(self) -> User:
        value = self.cleaned_data["person"].strip()
        user = (
            User.objects.filter(Q(email__iexact=value) | Q(public_id=value.lower()))
            .filter(is_active=True, erased_at__isnull=True)
            .first()
        )
        if user is None or not has_joined(user):
            raise forms.ValidationError(
                _("Non troviamo un iscritto all'hub con questo indirizzo o codice."),
                code="unknown",
            )
        return user


class WelcomeForm(forms.Form):
    welcome = forms.CharField(
        label=_("Messaggio di benvenuto"),
        help_text=_(
            "Mostrato in cima all'area. Testo semplice: una riga vuota separa i paragrafi."
        ),
        max_length=services.WELCOME_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    welcome_en = forms.CharField(
        label=_("Messaggio di benvenuto (inglese)"),
        max_length=services.WELCOME_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
