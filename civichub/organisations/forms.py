"""Site forms: they turn input into typed values; the rules live in services.py."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from civichub.taxonomy.models import Theme
from civichub.territories.forms import MunicipalityField
from civichub.territories.models import Region

from .models import Kind, Membership, Organisation, PublicAdministrationKind, RuntsSection
from .selectors import DirectoryFilters
from .services import OrganisationData


def _blank(choices: Sequence[tuple[str, Any]], label: Any = "—") -> list[tuple[str, Any]]:
    return [("", label), *choices]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Tipo di organizzazione"), choices=_blank(Kind.choices, _("Scegli…"))
    )
    pa_kind = forms.ChoiceField(
        label=_("Tipo di amministrazione"),
        choices=_blank(PublicAdministrationKind.choices),
        required=False,
        help_text=_("Solo per le pubbliche amministrazioni."),
    )
    ipa_code = forms.CharField(
        label=_("Codice IPA"),
        max_length=30,
        required=False,
        help_text=_("Obbligatorio per le pubbliche amministrazioni, ad esempio c_a944."),
    )
    runts_section = forms.ChoiceField(
        label=_("Sezione del RUNTS"),
        choices=_blank(RuntsSection.choices),
        required=False,
        help_text=_("Obbligatoria per gli enti del Terzo Settore."),
    )
    runts_number = forms.CharField(
        label=_("Numero di iscrizione al RUNTS"), max_length=30, required=False
    )
    tax_code = forms.CharField(
        label=_("Codice fiscale o partita IVA"),
        max_length=24,
        required=False,
        help_text=_(
            "11 cifre per enti e imprese; 16 caratteri solo per imprese individuali e "
            "gruppi informali."
        ),
    )
    summary = forms.CharField(
        label=_("In breve"),
        max_length=280,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Una o due frasi, mostrate nella rubrica."),
    )
    description = forms.CharField(
        label=_("Descrizione"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("JPEG, PNG, WebP o GIF, al massimo 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    website = forms.URLField(label=_("Sito web"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telefono"), max_length=40, required=False)
    address = forms.CharField(label=_("Indirizzo della sede"), max_length=200, required=False)
    municipality = MunicipalityField(
        label=_("Comune della sede"),
        required=False,
        help_text=_("Scrivi il nome e scegli tra i comuni suggeriti."),
    )
    operating_regions = forms.ModelMultipleChoiceField(
        label=_("Regioni in cui opera"),
        queryset=Region.objects.only("pk", "name").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Temi"),
        queryset=Theme.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    competences = forms.CharField(
        label=_("Competenze"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Che cosa sa fare l'organizzazione: metodi, servizi, esperienze."),
    )
    is_public = forms.BooleanField(
        label=_("Visibile nella rubrica"),
        required=False,
        initial=True,
        help_text=_("Se non selezionato, la scheda è visibile solo ai membri e ai promotori."),
    )

    fieldsets: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (_("Chi siete"), ("name", "kind", "tax_code", "summary", "description", "logo")),
        (_("Pubblica amministrazione"), ("pa_kind", "ipa_code")),
        (_("Terzo Settore"), ("runts_section", "runts_number")),
        (_("Contatti e sede"), ("website", "email", "phone", "address", "municipality")),
        (
            _("Territori, temi e competenze"),
            ("operating_regions", "themes", "competences", "is_public"),
        ),
    )

    @classmethod
    def initial_from(cls, organisation: Organisation) -> dict[str, Any]:
        initial = {
            field: getattr(organisation, field)
            for field in cls.base_fields
            if field not in ("logo", "operating_regions", "themes", "municipality")
        }
        initial["tax_code"] = organisation.tax_code or ""
        initial["municipality"] = organisation.municipality_id
        initial["operating_regions"] = list(
            organisation.operating_regions.values_list("pk", flat=True)
        )
        initial["themes"] = list(organisation.themes.values_list("pk", flat=True))
        return initial

    def grouped_fields(self) -> list[tuple[Any, list[BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def to_data(self) -> OrganisationData:
        data = self.cleaned_data
        logo = data.get("logo")
        return OrganisationData(
            name=data["name"],
            kind=data["kind"],
            pa_kind=data["pa_kind"],
            ipa_code=data["ipa_code"],
            runts_section=data["runts_section"],
            runts_number=data["runts_number"],
            tax_code=data["tax_code"],
            summary=data["summary"],
            description=data["description"],
            website=data["website"],
            email=data["email"],
            phone=data["phone"],
            address=data["address"],
            municipality=data["municipality"],
            operating_regions=list(data["operating_regions"]),
            themes=list(data["themes"]),
            competences=data["competences"],
            is_public=data["is_public"],
            # ClearableFileInput gives False when "clear" is ticked, None when untouched.
            logo=logo or None,
            remove_logo=logo is False,
        )


class ContributorApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Perché la vostra organizzazione vuole diventare contributrice?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_(
            "Raccontate le esperienze di partecipazione e co-progettazione che avete curato e "
            "che cosa vorreste pubblicare o facilitare nell'hub."
        ),
    )


class DecisionForm(forms.Form):
    """Approve or refuse, with a reason (required to refuse: the services check it)."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approva")), ("refuse", _("Rifiuta"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Motivazione"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Ruolo"), choices=Membership.Role.choices)


YES, NO = "si", "no"


class DirectoryFilterForm(forms.Form):
    """The directory's GET parameters. An invalid value is dropped (with a notice), never
    an error page."""

    use_required_attribute = False

    q = forms.CharField(label=_("Cerca per nome o descrizione"), required=False, max_length=100)
    tipo = forms.ChoiceField(label=_("Tipo"), required=False, choices=_blank(Kind.choices))
    regione = forms.ChoiceField(label=_("Regione della sede"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    contributore = forms.ChoiceField(
        label=_("Organizzazione contributrice"),
        required=False,
        choices=[("", "—"), (YES, _("Sì")), (NO, _("No"))],
    )

    def __init__(self, data: Any, *, regions: list[Region], themes: list[Theme]) -> None:
        super().__init__(data)
        self.regions = {region.slug: region for region in regions}
        self.themes = {theme.slug: theme for theme in themes}
        cast(forms.ChoiceField, self.fields["regione"]).choices = _blank(
            [(r.slug, r.name) for r in regions]
        )
        cast(forms.ChoiceField, self.fields["tema"]).choices = _blank(
            [(t.slug, t.tr_name) for t in themes]
        )

    def ignored(self) -> list[str]:
        """Labels of the parameters whose value was not understood."""
        return [str(self.fields[name].label) for name in self.errors]

    def filters(self) -> DirectoryFilters:
        self.is_valid()
        data = self.cleaned_data
        contributor = data.get("contributore")
        return DirectoryFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("tipo") or "",
            region=self.regions.get(data.get("regione") or ""),
            theme=self.themes.get(data.get("tema") or ""),
            contributor={YES: True, NO: False}.get(contributor or ""),
        )
