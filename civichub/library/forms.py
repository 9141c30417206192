"""The site form for proposing a resource. It turns input into typed values for
``services.resource_propose``, which holds the rules (what each kind requires, file
types by content, video hosts, published experiences, the daily limit).

One form for every kind, usable without JavaScript: the fields of a single kind sit in
fieldsets marked with ``data-propose-kinds``, which ``static/library/propose.js`` shows
or hides as the kind changes.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civichub.experiences.models import Experience, Licence
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import AUDIENCES, ParticipatoryMethod, Theme

from .models import SUMMARY_MAX_LENGTH, Language, Level, Phase, ResourceKind
from .services import PROPOSABLE_KINDS, proposal_organisations

# The fields that belong to some kinds only, and those kinds (for the fieldsets, the
# script and ``to_data``); every other field is common to all kinds.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "text": (
        ResourceKind.GUIDE,
        ResourceKind.DOCUMENT,
        ResourceKind.TOOLKIT,
        ResourceKind.WEBINAR,
    ),
    "file": (ResourceKind.DOCUMENT, ResourceKind.TOOLKIT),
    "video_url": (ResourceKind.WEBINAR,),
    "experience": (ResourceKind.CASE_STUDY,),
    "context": (ResourceKind.CASE_STUDY,),
    "approach": (ResourceKind.CASE_STUDY,),
    "results": (ResourceKind.CASE_STUDY,),
    "lessons": (ResourceKind.CASE_STUDY,),
    "method": (ResourceKind.METHOD,),
    "when_to_use": (ResourceKind.METHOD,),
    "steps": (ResourceKind.METHOD,),
    "duration": (ResourceKind.METHOD,),
    "roles": (ResourceKind.METHOD,),
    "risks": (ResourceKind.METHOD,),
}
# The fieldsets of the page: (legend, kinds, fields).
KIND_SECTIONS: tuple[tuple[Any, tuple[str, ...], tuple[str, ...]], ...] = (
    (_("Testo"), KIND_FIELDS["text"], ("text",)),
    (_("File"), KIND_FIELDS["file"], ("file",)),
    (_("Video"), KIND_FIELDS["video_url"], ("video_url",)),
    (
        _("Caso di studio"),
        KIND_FIELDS["experience"],
        ("experience", "context", "approach", "results", "lessons"),
    ),
    (
        _("Scheda metodo"),
        KIND_FIELDS["method"],
        ("method", "when_to_use", "steps", "duration", "roles", "risks"),
    ),
)
# /esperienze/<slug>/ or a bare slug.
_EXPERIENCE_PATH = re.compile(r"/esperienze/([-a-zA-Z0-9_]+)/?")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


class VocabularyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tr_name)


class MethodChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tr_name)


class ExperienceField(forms.CharField):
    """A published experience of the catalogue, given by the address of its page or by
    its slug. Drafts and missing ones get the same answer, so none can be probed."""

    def clean(self, value: Any) -> Experience | None:
        text = super().clean(value)
        if not text:
            return None
        match = _EXPERIENCE_PATH.search(text)
        slug = match.group(1) if match else text.strip().strip("/")
        experience = (
            Experience.objects.published().filter(slug=slug).first() if _SLUG.match(slug) else None
        )
        if experience is None:
            raise ValidationError(
                _(
                    "Nessuna esperienza pubblicata a questo indirizzo: copia l'indirizzo "
                    "della sua pagina nel catalogo."
                ),
                code="experience",
            )
        return experience


def _textarea(rows: int, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class ProposeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo di strumento"),
        choices=[(kind, ResourceKind(kind).label) for kind in PROPOSABLE_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Scegli il tipo di strumento.")},
        help_text=_("Gli episodi dei podcast sono pubblicati dalla redazione."),
    )
    title = forms.CharField(
        label=_("Titolo"),
        max_length=255,
        error_messages={"required": _("Scrivi il titolo dello strumento.")},
    )
    summary = forms.CharField(
        label=_("Sommario"),
        widget=_textarea(3, maxlength=SUMMARY_MAX_LENGTH),
        help_text=_("Una o due frasi, al massimo 300 caratteri: compaiono nel catalogo."),
        error_messages={"required": _("Scrivi il sommario: una o due frasi.")},
    )
    themes = VocabularyChoices(
        label=_("Temi"),
        queryset=Theme.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    methods = VocabularyChoices(
        label=_("Metodi partecipativi"),
        queryset=ParticipatoryMethod.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phase = forms.ChoiceField(
        label=_("Fase della co-progettazione"),
        choices=[("", _("Tutte le fasi")), *Phase.choices],
        required=False,
    )
    audiences = forms.MultipleChoiceField(
        label=_("Destinatari"),
        choices=[(slug, label) for slug, (_field, label) in AUDIENCES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    level = forms.ChoiceField(
        label=_("Livello"),
        choices=Level.choices,
        initial=Level.INTRODUCTORY,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Lingua dello strumento"), choices=Language.choices, initial=Language.ITALIAN
    )
    licence = forms.ChoiceField(
        label=_("Licenza"),
        choices=Licence.choices,
        initial=Licence.CC_BY,
        widget=forms.RadioSelect,
        help_text=_("Con quale licenza altri possono riusare lo strumento."),
    )
    authors = forms.CharField(
        label=_("Autori"),
        max_length=255,
        required=False,
        help_text=_("Nomi separati da virgole, come devono comparire nella citazione."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organizzazione che contribuisce"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Nessuna: propongo a titolo personale"),
    )

    text = forms.CharField(
        label=_("Testo"),
        required=False,
        widget=_textarea(10),
        help_text=_(
            "Testo semplice: una riga vuota separa i paragrafi. Obbligatorio per le guide "
            "(il testo della guida) e per i kit (come usare il materiale); per documenti e "
            "webinar è una descrizione facoltativa."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "Al massimo 20 MB. Documenti: PDF. Kit e modelli: PDF, DOCX, XLSX, ODT oppure ODS."
        ),
    )
    video_url = forms.CharField(
        label=_("Indirizzo del video"),
        max_length=500,
        required=False,
        widget=forms.URLInput,
        help_text=_("YouTube o Vimeo, ad esempio https://www.youtube.com/watch?v=…"),
    )
    experience = ExperienceField(
        label=_("Esperienza del catalogo"),
        max_length=500,
        required=False,
        help_text=_(
            "L'indirizzo della pagina dell'esperienza pubblicata, ad esempio "
            "https://…/esperienze/orti-condivisi/"
        ),
    )
    context = forms.CharField(label=_("Contesto"), required=False, widget=_textarea(4))
    approach = forms.CharField(label=_("Approccio"), required=False, widget=_textarea(4))
    results = forms.CharField(label=_("Risultati"), required=False, widget=_textarea(4))
    lessons = forms.CharField(label=_("Cosa insegna"), required=False, widget=_textarea(4))
    method = MethodChoice(
        label=_("Metodo"),
        queryset=ParticipatoryMethod.objects.order_by("sort_order", "name"),
        required=False,
        empty_label=_("Scegli…"),
    )
    when_to_use = forms.CharField(label=_("Quando usarlo"), required=False, widget=_textarea(3))
    steps = forms.CharField(
        label=_("Passi"),
        required=False,
        widget=_textarea(6),
        help_text=_(
            "Uno per riga, nella forma «Titolo: come si svolge», ad esempio «Accoglienza: "
            "si presentano le regole dei tavoli»."
        ),
    )
    duration = forms.CharField(
        label=_("Tempo necessario"),
        max_length=120,
        required=False,
        help_text=_("Ad esempio «3 incontri da 2 ore»."),
    )
    roles = forms.CharField(
        label=_("Ruoli"),
        required=False,
        widget=_textarea(3),
        help_text=_("Chi serve: facilitatori, esperti, uffici…"),
    )
    risks = forms.CharField(
        label=_("Rischi e come prevenirli"), required=False, widget=_textarea(3)
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        organisations = proposal_organisations(user)
        if organisations.exists():
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = organisations
        else:
            del self.fields["organisation"]

    @property
    def common_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in KIND_FIELDS]

    @property
    def kind_sections(self) -> list[dict[str, Any]]:
        return [
            {
                "legend": legend,
                "kinds": " ".join(kinds),
                "kind_labels": ", ".join(str(ResourceKind(kind).label) for kind in kinds),
                "fields": [self[name] for name in names],
            }
            for legend, kinds, names in KIND_SECTIONS
        ]

    def to_data(self) -> dict[str, Any]:
        """What the service reads: the common fields and those of the chosen kind."""
        kind = self.cleaned_data["kind"]
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in KIND_FIELDS or kind in KIND_FIELDS[name]
        }
        data.setdefault("organisation", None)
        return data

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)
