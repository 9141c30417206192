"""Forms of sign-up, membership and account settings: input checks only; the
services do the work."""

from typing import TYPE_CHECKING, Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from civichub.core.validators import validate_image
from civichub.organisations.models import Kind as OrganisationKind
from civichub.organisations.models import (
    Membership,
    Organisation,
    PublicAdministrationKind,
    RuntsSection,
)
from civichub.taxonomy.models import Theme
from civichub.territories.forms import MunicipalityField

from .models import (
    ActorKind,
    ContributorRequest,
    Frequency,
    ParticipationMode,
    Profile,
    Role,
    User,
    Visibility,
)
from .registry import NOTIFICATION_KINDS
from .services import PROFILE_FIELDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form; the honeypot loses its inline style (refused by the
    CSP) and is hidden by the page's stylesheet instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        honeypot = settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD
        self.fields[honeypot].label = _("Lascia vuoto questo campo")
        self.fields[honeypot].widget.attrs = {"tabindex": "-1", "autocomplete": "off"}
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["password1"].widget.attrs.pop("placeholder", None)


class OrganisationChoice:
    NONE = "none"
    EXISTING = "existing"
    NEW = "new"
    CHOICES = [
        (NONE, _("Partecipo a titolo personale")),
        (EXISTING, _("Faccio parte di un'organizzazione già presente nell'hub")),
        (NEW, _("Voglio registrare la mia organizzazione")),
    ]


def _themes() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Temi di interesse"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _municipality() -> MunicipalityField:
    return MunicipalityField(
        label=_("Comune"),
        required=False,
        help_text=_("Il comune in cui vivi o lavori: scrivi le prime lettere e sceglilo."),
    )


def _participation() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Come vuoi partecipare"),
        choices=ParticipationMode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _visibility(label: "StrOrPromise", help_text: "StrOrPromise" = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class MembershipForm(forms.Form):
    first_name = forms.CharField(label=_("Nome"), max_length=150)
    last_name = forms.CharField(label=_("Cognome"), max_length=150)
    actor_kind = forms.ChoiceField(
        label=_("Partecipi come"), choices=ActorKind.choices, widget=forms.RadioSelect
    )
    organisation_choice = forms.ChoiceField(
        label=_("Organizzazione"),
        choices=OrganisationChoice.CHOICES,
        initial=OrganisationChoice.NONE,
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organizzazione già presente"),
        queryset=Organisation.objects.public().order_by("name"),
        required=False,
        empty_label=_("Scegli l'organizzazione"),
        help_text=_("Gli amministratori dell'organizzazione confermeranno la tua richiesta."),
    )
    new_organisation_name = forms.CharField(
        label=_("Nome della nuova organizzazione"), max_length=200, required=False
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Tipo di organizzazione"),
        choices=[("", _("Scegli il tipo")), *OrganisationKind.choices],
        required=False,
    )
    new_organisation_pa_kind = forms.ChoiceField(
        label=_("Tipo di amministrazione"),
        choices=[("", _("Scegli il tipo")), *PublicAdministrationKind.choices],
        required=False,
        help_text=_("Solo per le pubbliche amministrazioni."),
    )
    new_organisation_ipa_code = forms.CharField(
        label=_("Codice IPA"),
        max_length=20,
        required=False,
        help_text=_("Solo per le pubbliche amministrazioni: lo trovi su indicepa.gov.it."),
    )
    new_organisation_runts_section = forms.ChoiceField(
        label=_("Sezione del RUNTS"),
        choices=[("", _("Scegli la sezione")), *RuntsSection.choices],
        required=False,
        help_text=_("Solo per gli enti del Terzo Settore."),
    )
    new_organisation_website = forms.URLField(
        label=_("Sito web dell'organizzazione"), required=False, assume_scheme="https"
    )
    municipality = _municipality()
    themes = _themes()
    participation = _participation()
    visibility = _visibility(
        _("Chi può vedere il tuo profilo"),
        _("Potrai cambiarlo, campo per campo, nelle impostazioni del profilo."),
    )
    accept_terms = forms.BooleanField(label=_("Accetto le condizioni d'uso dell'hub"))
    accept_privacy = forms.BooleanField(
        label=_("Ho letto l'informativa sul trattamento dei dati personali")
    )
    newsletter = forms.BooleanField(
        label=_("Voglio ricevere la newsletter dell'hub"), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        choice = data.get("organisation_choice")
        if choice == OrganisationChoice.EXISTING and not data.get("organisation"):
            self.add_error("organisation", _("Scegli l'organizzazione di cui fai parte."))
        if choice == OrganisationChoice.NEW:
            if not data.get("new_organisation_name", "").strip():
                self.add_error("new_organisation_name", _("Scrivi il nome dell'organizzazione."))
            if not data.get("new_organisation_kind"):
                self.add_error("new_organisation_kind", _("Scegli il tipo di organizzazione."))
        return data


# A small file can still decode to a huge bitmap; resizing one would exhaust memory.
AVATAR_MAX_PIXELS = 25_000_000


def validate_avatar(upload: UploadedFile) -> None:
    validate_image(upload, max_bytes=settings.ACCOUNTS_AVATAR_MAX_BYTES)
    # The header says "image"; make sure the whole file decodes as one.
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            pixels = image.width * image.height
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("Il file non è un'immagine leggibile."), code="invalid_image"
        ) from exc
    finally:
        upload.seek(0)
    if pixels > AVATAR_MAX_PIXELS:
        raise ValidationError(
            _(
                "L'immagine ha troppi pixel: usa una foto più piccola, al massimo "
                "25 milioni di pixel (ad esempio 5000 per 5000)."
            ),
            code="image_too_large",
        )


class ProfileForm(forms.ModelForm):
    field_order = ["bio", "actor_kind", "municipality", "themes"]
    first_name = forms.CharField(label=_("Nome"), max_length=150)
    last_name = forms.CharField(label=_("Cognome"), max_length=150)
    avatar = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_("JPEG, PNG, WebP o GIF, al massimo 2 MB."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    remove_avatar = forms.BooleanField(label=_("Rimuovi la foto attuale"), required=False)
    municipality = _municipality()
    themes = _themes()
    participation = _participation()
    visibility = _visibility(
        _("Chi può vedere il profilo"),
        _("Con «Solo io» il profilo è nascosto a tutti gli altri."),
    )
    bio_visibility = _visibility(_("Chi può vedere la presentazione"))
    organisations_visibility = _visibility(_("Chi può vedere le tue organizzazioni"))
    territory_visibility = _visibility(_("Chi può vedere il tuo comune"))
    themes_visibility = _visibility(_("Chi può vedere i tuoi temi di interesse"))

    class Meta:
        model = Profile
        # The service's list, plus the many-to-many that it sets separately.
        fields = [*PROFILE_FIELDS, "themes"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5}), "actor_kind": forms.RadioSelect}
        help_texts = {"bio": _("Chi sei, di che cosa ti occupi. Al massimo 2.000 caratteri.")}

    def clean_avatar(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("avatar")
        if upload:
            validate_avatar(upload)
        return upload


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Lingua dell'interfaccia e delle e-mail"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )


class NotificationPreferencesForm(forms.Form):
    newsletter = forms.BooleanField(label=_("Ricevi la newsletter dell'hub"), required=False)

    def __init__(self, *args: Any, user: User, frequencies: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for kind in NOTIFICATION_KINDS.values():
            if kind.available_to(user):
                self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                    label=kind.label,
                    help_text=kind.help_text,
                    choices=Frequency.choices,
                    initial=frequencies.get(kind.key, kind.default),
                )
        self.order_fields([name for name in self.fields if name != "newsletter"])

    def frequencies(self) -> dict[str, str]:
        return {
            name.removeprefix("kind_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("kind_")
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nome"),
        max_length=80,
        help_text=_("Per ricordare dove lo usi, ad esempio «Cruscotto regionale»."),
    )


class DeleteAccountForm(forms.Form):
    """Confirmed with the password, or with the address for people who sign in
    only through SPID/CIE and have none."""

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("La tua password"),
                strip=False,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["email"] = forms.EmailField(label=_("Il tuo indirizzo e-mail"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        password, email = data.get("password"), data.get("email")
        if password is not None and not self.user.check_password(password):
            self.add_error("password", _("La password non è corretta."))
        if email is not None and email.lower() != self.user.email.lower():
            self.add_error("email", _("L'indirizzo non è quello del tuo account."))
        return data


class ContributorRequestForm(forms.ModelForm):
    class Meta:
        model = ContributorRequest
        fields = ["motivation"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}
        labels = {"motivation": _("Perché vuoi diventare contributore")}
        help_texts = {
            "motivation": _(
                "Le esperienze, le competenze o gli strumenti che vorresti condividere."
            )
        }


class ProposeContributorForm(ContributorRequestForm):
    organisation = forms.ModelChoiceField(
        label=_("Per conto di"), queryset=Organisation.objects.none(), empty_label=None
    )

    class Meta(ContributorRequestForm.Meta):
        fields = ["organisation", "motivation"]
        labels = {"motivation": _("Perché proponi questa persona")}
        help_texts = {}

    def __init__(self, *args: Any, admin: User, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        admin_of = Membership.objects.filter(
            user=admin, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        ).values("organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=admin_of,
            memberships__user=member,
            memberships__status=Membership.Status.ACTIVE,
        ).order_by("name")


class ContributorDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse")])
    reason = forms.CharField(
        label=_("Motivo del rifiuto"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Obbligatorio se rifiuti: la persona lo riceverà per e-mail."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Ruolo"), choices=Role.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Motivo"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Sarà indicato nell'e-mail che avvisa la persona."),
    )
