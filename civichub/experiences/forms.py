"""Site forms of the contribution workflow: they turn input into typed values for the
services, which hold the rules.

Rich text (racconto, risultati, lezioni) is a plain ``<textarea>``: people write
paragraphs separated by a blank line, or basic HTML if they know it; the services turn
plain text into paragraphs and sanitise everything. Text saved as simple paragraphs
comes back as plain text (``editable_text``), so nobody meets markup they did not write.
"""

import html
import re
from collections.abc import Sequence
from typing import Any, Protocol

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from civichub.accounts.models import User
from civichub.organisations.models import Membership, Organisation
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, TargetGroup, Theme
from civichub.territories.forms import MunicipalityField
from civichub.territories.models import Municipality, Province, Region, Scale

from .models import (
    SUMMARY_MAX_LENGTH,
    BudgetBand,
    Experience,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    Licence,
    OrganisationRole,
    Recruitment,
    Status,
)
from .services import (
    ESSENTIAL_FIELDS,
    DocumentRow,
    ImageRow,
    LinkRow,
    OrganisationRow,
    TestimonialRow,
)

ORGANISATION_RESULTS = 10
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_BREAK = re.compile(r"<br\s*/?>\n?")


def editable_text(value: str) -> str:
    """Stored HTML as the author would type it: simple paragraphs and line breaks become
    plain text again; anything richer is left as HTML."""
    if not value or {tag.lower() for tag in _TAG_NAME.findall(value)} - {"p", "br"}:
        return value
    paragraphs = _PARAGRAPH.findall(value) or [value]
    return html.unescape("\n\n".join(_BREAK.sub("\n", p).strip() for p in paragraphs))


def _blank(choices: Sequence[tuple[str, Any]], label: Any = "—") -> list[tuple[str, Any]]:
    return [("", label), *choices]


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StepEditor(Protocol):
    """What the step view needs from each step: simple forms and composite ones."""

    def is_valid(self) -> bool: ...

    def to_data(self) -> dict[str, Any]: ...

    def add_service_error(self, error: ValidationError) -> None: ...


class StepForm(forms.Form):
    """A step made of one form whose fields match the services' field names."""

    template_name_step = ""

    def __init__(
        self, *args: Any, experience: Experience | None = None, user: Any = None, **kwargs: Any
    ) -> None:
        if experience is not None and "initial" not in kwargs and not args:
            kwargs["initial"] = self.initial_from(experience)
        super().__init__(*args, **kwargs)
        self.experience = experience
        self.user = user

    @classmethod
    def initial_from(cls, experience: Experience) -> dict[str, Any]:
        return {name: getattr(experience, name) for name in cls.base_fields}

    def to_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


class EssentialForm(StepForm):
    title = forms.CharField(
        label=_("Titolo"),
        max_length=200,
        error_messages={"required": _("Scrivi il titolo dell'esperienza.")},
    )
    # The length is checked by the service, after line breaks are turned into spaces.
    summary = forms.CharField(
        label=_("In breve"),
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "maxlength": SUMMARY_MAX_LENGTH,
                "data-char-counter": SUMMARY_MAX_LENGTH,
                "data-counter-left": _("Ancora %(count)s caratteri"),
                "data-counter-over": _("%(count)s caratteri di troppo"),
            }
        ),
        help_text=_(
            "Una o due frasi, al massimo 280 caratteri: compaiono negli elenchi e nelle anteprime."
        ),
        error_messages={"required": _("Scrivi la sintesi: una o due frasi.")},
    )
    scale = forms.ChoiceField(
        label=_("Scala"),
        choices=_blank(Scale.choices, _("Scegli…")),
        help_text=_("Il territorio interessato: dal quartiere all'intero Paese."),
        error_messages={"required": _("Scegli la scala dell'esperienza.")},
    )
    status = forms.ChoiceField(
        label=_("Stato del percorso"),
        choices=Status.choices,
        initial=Status.ONGOING,
        widget=forms.RadioSelect,
    )
    start_date = forms.DateField(
        label=_("Inizio"),
        required=False,
        widget=_date_input(),
        help_text=_("Obbligatorio per l'invio, salvo per i percorsi in programma."),
    )
    end_date = forms.DateField(
        label=_("Fine"),
        required=False,
        widget=_date_input(),
        help_text=_("Lascia vuoto se è ancora in corso."),
    )

    def to_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ESSENTIAL_FIELDS}


class MunicipalityChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.label


class TerritoryForm(StepForm):
    municipalities = MunicipalityChoices(
        label=_("Comuni coinvolti"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Togli la spunta per togliere un comune."),
    )
    add_municipality = MunicipalityField(
        label=_("Aggiungi un comune"),
        required=False,
        help_text=_(
            "Scrivi il nome e scegli tra i comuni suggeriti, poi premi «Aggiungi il comune» "
            "(ripeti per ogni comune)."
        ),
    )
    province = forms.ModelChoiceField(
        label=_("Provincia"),
        queryset=Province.objects.only("pk", "name").order_by("name"),
        required=False,
        help_text=_("Per un'esperienza provinciale senza un elenco di comuni."),
    )
    region = forms.ModelChoiceField(
        label=_("Regione"),
        queryset=Region.objects.only("pk", "name").order_by("name"),
        required=False,
        help_text=_("Per un'esperienza regionale senza un elenco di comuni."),
    )
    latitude = forms.DecimalField(
        label=_("Latitudine"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-90,
        max_value=90,
        help_text=_("Facoltativa: il punto sulla mappa, ad esempio 44.49381."),
    )
    longitude = forms.DecimalField(
        label=_("Longitudine"),
        required=False,
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
        help_text=_("Facoltativa, ad esempio 11.33875."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = (
            list(self.experience.municipalities.values_list("pk", flat=True))
            if self.experience is not None
            else []
        )
        field = self.fields["municipalities"]
        assert isinstance(field, MunicipalityChoices)
        field.queryset = (
            Municipality.objects.filter(pk__in=current)
            .select_related("province")
            .defer("boundary", "province__boundary")
        )
        if not current:
            field.widget = forms.MultipleHiddenInput()

    @classmethod
    def initial_from(cls, experience: Experience) -> dict[str, Any]:
        return {
            "municipalities": list(experience.municipalities.values_list("pk", flat=True)),
            "province": experience.province_id,
            "region": experience.region_id,
            "latitude": experience.latitude,
            "longitude": experience.longitude,
        }

    def to_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        municipalities = list(data["municipalities"])
        if data.get("add_municipality") is not None:
            municipalities.append(data["add_municipality"])
        return {
            "municipalities": municipalities,
            "province": data["province"],
            "region": data["region"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
        }


class IAP2Choice(forms.ModelChoiceField):
    def label_from_instance(self, obj: IAP2Level) -> str:
        promise = obj.tr_promise
        return f"{obj.tr_name}: {promise}" if promise else str(obj.tr_name)


class VocabularyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tr_name)


class MethodForm(StepForm):
    themes = VocabularyChoices(
        label=_("Temi"),
        queryset=Theme.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Almeno uno, obbligatorio per l'invio."),
    )
    methods = VocabularyChoices(
        label=_("Metodi partecipativi"),
        queryset=ParticipatoryMethod.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    iap2_level = IAP2Choice(
        label=_("Livello di partecipazione (IAP2)"),
        queryset=IAP2Level.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Quanto potere avevano i partecipanti sulle decisioni."),
    )
    target_groups = VocabularyChoices(
        label=_("Destinatari"),
        queryset=TargetGroup.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants_count = forms.IntegerField(
        label=_("Numero di partecipanti"), required=False, min_value=0, max_value=100_000_000
    )
    recruitment = forms.ChoiceField(
        label=_("Come sono stati coinvolti i partecipanti"),
        choices=_blank(Recruitment.choices),
        required=False,
    )
    recruitment_notes = forms.CharField(
        label=_("Note sul coinvolgimento"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    budget_band = forms.ChoiceField(
        label=_("Budget"), choices=_blank(BudgetBand.choices), required=False
    )
    funding_sources = forms.CharField(
        label=_("Fonti di finanziamento"),
        max_length=300,
        required=False,
        help_text=_("Ad esempio: fondi comunali, bando regionale, fondazione bancaria, PNRR."),
    )

    @classmethod
    def initial_from(cls, experience: Experience) -> dict[str, Any]:
        initial = {
            name: getattr(experience, name)
            for name in cls.base_fields
            if name not in ("themes", "methods", "target_groups", "iap2_level")
        }
        initial["iap2_level"] = experience.iap2_level_id
        for name in ("themes", "methods", "target_groups"):
            initial[name] = list(getattr(experience, name).values_list("pk", flat=True))
        return initial

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        for name in ("themes", "methods", "target_groups"):
            data[name] = list(data[name])
        return data


class StoryForm(StepForm):
    narrative = forms.CharField(
        label=_("Racconto"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Contesto, obiettivi, come si è svolta. Separa i paragrafi con una riga vuota; "
            "puoi usare anche HTML semplice (grassetto, elenchi, collegamenti). "
            "Obbligatorio per l'invio."
        ),
    )
    outcomes = forms.CharField(
        label=_("Risultati e impatto"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Che cosa è cambiato grazie al percorso."),
    )
    evidence = forms.CharField(
        label=_("Evidenze"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dati, atti approvati, indicatori che lo mostrano."),
    )
    has_evaluation = forms.BooleanField(label=_("Il percorso è stato valutato"), required=False)
    evaluation_report = forms.FileField(
        label=_("Rapporto di valutazione (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Un file PDF, al massimo 10 MB."),
    )
    lessons = forms.CharField(
        label=_("Lezioni apprese"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Che cosa ha funzionato, che cosa rifareste diversamente."),
    )
    replicability = forms.CharField(
        label=_("Replicabilità"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Condizioni e suggerimenti per ripetere l'esperienza altrove."),
    )

    @classmethod
    def initial_from(cls, experience: Experience) -> dict[str, Any]:
        initial = super().initial_from(experience)
        for name in ("narrative", "outcomes", "lessons"):
            initial[name] = editable_text(initial[name])
        return initial

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        report = data.pop("evaluation_report")
        # ClearableFileInput gives False when "clear" is ticked, None when untouched.
        data["evaluation_report"] = report or None
        data["remove_evaluation_report"] = report is False
        return data


class ContactsForm(StepForm):
    contact_name = forms.CharField(label=_("Referente"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail del referente"),
        required=False,
        help_text=_("Sarà pubblicata: usa un indirizzo di servizio."),
    )
    website = forms.URLField(label=_("Sito web"), required=False, assume_scheme="https")
    licence = forms.ChoiceField(
        label=_("Licenza dei contenuti"),
        choices=Licence.choices,
        widget=forms.RadioSelect,
        help_text=_("Con quale licenza altri possono riusare il racconto e le immagini."),
    )


# --- organisations and testimonials ------------------------------------------------------


class OrganisationLinkForm(forms.Form):
    """An organisation already linked: its role can change, or it can be removed."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )
    role = forms.ChoiceField(label=_("Ruolo"), choices=OrganisationRole.choices)

    organisation_name = ""  # set by OrganisationsStep, for the labels

    def __init__(self, *args: Any, linked: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = linked


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        seat = getattr(obj.municipality, "name", "") if obj.municipality_id else ""
        kind = obj.get_kind_display()
        return f"{obj.name} ({kind}, {seat})" if seat else f"{obj.name} ({kind})"


class AddOrganisationForm(forms.Form):
    """A new organisation: chosen among the person's own organisations or the results of
    a search by name (a GET parameter), so that the page never lists the whole directory."""

    organisation = OrganisationChoice(
        label=_("Aggiungi un'organizzazione"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    role = forms.ChoiceField(
        label=_("con il ruolo di"), choices=OrganisationRole.choices, required=False
    )

    def __init__(self, *args: Any, user: Any, query: str, exclude: Sequence[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoice)
        visible = Organisation.objects.visible_to(user)
        # Any organisation the person may see is accepted; only a few are shown.
        field.queryset = visible
        own = Membership.objects.filter(
            user=user if getattr(user, "is_authenticated", False) else None,
            status=Membership.Status.ACTIVE,
        ).values("organisation")
        shown = visible.filter(pk__in=own)
        if query:
            shown = shown | visible.filter(name__icontains=query)
        options = list(
            shown.exclude(pk__in=exclude)
            .select_related("municipality")
            .only("pk", "name", "kind", "municipality__name")
            .order_by("name")[:ORGANISATION_RESULTS]
        )
        field.widget.choices = [(org.pk, field.label_from_instance(org)) for org in options]
        self.has_options = bool(options)
        self.query = query


class TestimonialForm(forms.Form):
    quote = forms.CharField(
        label=_("Testimonianza"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Scrivi la testimonianza.")},
    )
    person_name = forms.CharField(
        label=_("Nome"), max_length=120, error_messages={"required": _("Scrivi il nome.")}
    )
    role = forms.CharField(label=_("Ruolo"), max_length=120, required=False)
    organisation_name = forms.CharField(label=_("Organizzazione"), max_length=200, required=False)


OrganisationLinkFormSet = forms.formset_factory(
    OrganisationLinkForm, extra=0, can_delete=True, max_num=30, absolute_max=30
)
TestimonialFormSet = forms.formset_factory(
    TestimonialForm, extra=1, can_delete=True, max_num=30, absolute_max=31
)


def _kept(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows to keep: filled in, and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if (form.initial or form.has_changed()) and not form.cleaned_data.get("DELETE")
    ]


def _formset_error(formset: forms.BaseFormSet, messages: list[str]) -> None:
    formset.non_form_errors().extend(messages)


class CompositeStep:
    """A step made of several formsets; errors from the services are shown above the
    formset they concern."""

    formsets: dict[str, forms.BaseFormSet]

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self.parts()]
        return all(results)

    def parts(self) -> list[Any]:
        return list(self.formsets.values())

    def add_service_error(self, error: ValidationError) -> None:
        by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for field, messages in by_field.items():
            target = self.formsets.get(field) or next(iter(self.formsets.values()))
            _formset_error(target, messages)

    @property
    def has_errors(self) -> bool:
        return any(formset.total_error_count() for formset in self.formsets.values()) or any(
            part.errors for part in self.parts() if isinstance(part, forms.Form)
        )


class OrganisationsStep(CompositeStep):
    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        experience: Experience,
        user: Any,
        query: str = "",
    ) -> None:
        links = list(
            experience.organisations.select_related("organisation").only(
                "pk",
                "role",
                "sort_order",
                "experience_id",
                "organisation__name",
            )
        )
        linked_ids = [link.organisation_id for link in links]
        linked = Organisation.objects.filter(pk__in=linked_ids)
        self.links = OrganisationLinkFormSet(
            data,
            prefix="org",
            initial=[{"organisation": link.organisation_id, "role": link.role} for link in links],
            form_kwargs={"linked": linked},
        )
        names = {link.organisation_id: link.organisation.name for link in links}
        for form in self.links.forms:
            form.organisation_name = names.get(form.initial.get("organisation"), "")
        has_promoter = any(link.role == OrganisationRole.PROMOTER for link in links)
        self.add = AddOrganisationForm(
            data,
            prefix="nuova",
            user=user,
            query=query,
            exclude=linked_ids,
            initial={
                "role": OrganisationRole.PARTNER if has_promoter else OrganisationRole.PROMOTER
            },
        )
        self.testimonials = TestimonialFormSet(
            data,
            prefix="testimonianze",
            initial=[
                {
                    "quote": t.quote,
                    "person_name": t.person_name,
                    "role": t.role,
                    "organisation_name": t.organisation_name,
                }
                for t in experience.testimonials.all()
            ],
        )
        self.formsets = {"organisations": self.links, "testimonials": self.testimonials}

    def parts(self) -> list[Any]:
        return [self.links, self.add, self.testimonials]

    def to_data(self) -> dict[str, Any]:
        rows = [
            OrganisationRow(
                organisation=form.cleaned_data["organisation"], role=form.cleaned_data["role"]
            )
            for form in _kept(self.links)
        ]
        added = self.add.cleaned_data.get("organisation")
        if added is not None:
            role = self.add.cleaned_data.get("role") or OrganisationRole.PARTNER
            rows.append(OrganisationRow(organisation=added, role=role))
        testimonials = [
            TestimonialRow(
                quote=form.cleaned_data["quote"],
                person_name=form.cleaned_data["person_name"],
                role=form.cleaned_data["role"],
                organisation_name=form.cleaned_data["organisation_name"],
            )
            for form in _kept(self.testimonials)
        ]
        return {"organisations": rows, "testimonials": testimonials}


# --- media ----------------------------------------------------------------------------------


class ImageForm(forms.Form):
    existing: ExperienceImage | None = None  # set by MediaStep for a stored image
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    image = forms.FileField(
        label=_("Immagine"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG o WebP, al massimo 5 MB."),
    )
    alt_text = forms.CharField(
        label=_("Testo alternativo"),
        max_length=250,
        help_text=_("Descrive l'immagine a chi non può vederla."),
        error_messages={
            "required": _("Scrivi il testo alternativo: descrive l'immagine a chi non può vederla.")
        },
    )
    caption = forms.CharField(label=_("Didascalia"), max_length=250, required=False)
    credit = forms.CharField(label=_("Credito"), max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("id") is None and not cleaned.get("image"):
            self.add_error("image", _("Scegli il file dell'immagine."))
        return cleaned


class DocumentForm(forms.Form):
    existing: ExperienceDocument | None = None  # set by MediaStep for a stored document
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Titolo del documento"),
        max_length=200,
        error_messages={"required": _("Scrivi il titolo del documento.")},
    )
    file = forms.FileField(
        label=_("File (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Un file PDF, al massimo 10 MB."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("id") is None and not cleaned.get("file"):
            self.add_error("file", _("Scegli il file PDF."))
        return cleaned


class LinkForm(forms.Form):
    title = forms.CharField(
        label=_("Titolo"),
        max_length=200,
        error_messages={"required": _("Scrivi il titolo del collegamento.")},
    )
    url = forms.URLField(label=_("Indirizzo"), assume_scheme="https")
    kind = forms.ChoiceField(
        label=_("Tipo"), choices=ExperienceLink.Kind.choices, initial=ExperienceLink.Kind.LINK
    )


ImageFormSet = forms.formset_factory(
    ImageForm, extra=1, can_delete=True, max_num=30, absolute_max=31
)
DocumentFormSet = forms.formset_factory(
    DocumentForm, extra=1, can_delete=True, max_num=30, absolute_max=31
)
LinkFormSet = forms.formset_factory(LinkForm, extra=1, can_delete=True, max_num=30, absolute_max=31)


class MediaStep(CompositeStep):
    def __init__(
        self, data: Any = None, files: Any = None, *, experience: Experience, user: Any
    ) -> None:
        images = list(experience.images.all())
        documents = list(experience.documents.all())
        self.images = ImageFormSet(
            data,
            files,
            prefix="immagini",
            initial=[
                {"id": i.pk, "alt_text": i.alt_text, "caption": i.caption, "credit": i.credit}
                for i in images
            ],
        )
        self.documents = DocumentFormSet(
            data,
            files,
            prefix="documenti",
            initial=[{"id": d.pk, "title": d.title} for d in documents],
        )
        self.links = LinkFormSet(
            data,
            prefix="collegamenti",
            initial=[
                {"title": link.title, "url": link.url, "kind": link.kind}
                for link in experience.links.all()
            ],
        )
        images_by_pk = {image.pk: image for image in images}
        for image_form in self.images.forms:
            image_form.existing = images_by_pk.get(image_form.initial.get("id"))
        documents_by_pk = {document.pk: document for document in documents}
        for document_form in self.documents.forms:
            document_form.existing = documents_by_pk.get(document_form.initial.get("id"))
        self.formsets = {"images": self.images, "documents": self.documents, "links": self.links}

    def to_data(self) -> dict[str, Any]:
        return {
            "images": [
                ImageRow(
                    pk=form.cleaned_data["id"],
                    upload=form.cleaned_data.get("image") or None,
                    alt_text=form.cleaned_data["alt_text"],
                    caption=form.cleaned_data["caption"],
                    credit=form.cleaned_data["credit"],
                )
                for form in _kept(self.images)
            ],
            "documents": [
                DocumentRow(
                    pk=form.cleaned_data["id"],
                    upload=form.cleaned_data.get("file") or None,
                    title=form.cleaned_data["title"],
                )
                for form in _kept(self.documents)
            ],
            "links": [
                LinkRow(
                    title=form.cleaned_data["title"],
                    url=form.cleaned_data["url"],
                    kind=form.cleaned_data["kind"],
                )
                for form in _kept(self.links)
            ],
        }


SIMPLE_STEPS: dict[str, type[StepForm]] = {
    "essenziale": EssentialForm,
    "territorio": TerritoryForm,
    "metodo": MethodForm,
    "racconto": StoryForm,
    "contatti": ContactsForm,
}


def step_editor(
    step: str,
    *,
    experience: Experience,
    user: Any,
    data: Any = None,
    files: Any = None,
    query: str = "",
) -> StepEditor:
    if step == "organizzazioni":
        return OrganisationsStep(data, files, experience=experience, user=user, query=query)
    if step == "media":
        return MediaStep(data, files, experience=experience, user=user)
    form_class = SIMPLE_STEPS[step]
    if data is None:
        return form_class(experience=experience, user=user)
    return form_class(
        data, files, initial=form_class.initial_from(experience), experience=experience, user=user
    )


# --- workflow -------------------------------------------------------------------------------


class ReviewDecisionForm(forms.Form):
    APPROVE, CHANGES, REJECT = "approve", "changes", "reject"

    decision = forms.ChoiceField(
        label=_("Decisione"),
        widget=forms.RadioSelect,
        choices=[
            (APPROVE, _("Approva e pubblica")),
            (CHANGES, _("Chiedi modifiche agli autori")),
            (REJECT, _("Respingi")),
        ],
        error_messages={"required": _("Scegli una decisione.")},
    )
    comment = forms.CharField(
        label=_("Commento per gli autori"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Facoltativo per approvare; obbligatorio per chiedere modifiche o respingere."),
    )


class UnpublishForm(forms.Form):
    comment = forms.CharField(
        label=_("Motivo del ritiro"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sarà inviato agli autori."),
        error_messages={"required": _("Spiega agli autori perché l'esperienza viene ritirata.")},
    )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class CoauthorInviteForm(forms.Form):
    user = PersonChoice(
        label=_("Persona da invitare"),
        queryset=User.objects.none(),
        empty_label=_("Scegli…"),
        help_text=_("Le persone che fanno parte delle organizzazioni dell'esperienza."),
        error_messages={"required": _("Scegli la persona da invitare.")},
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, PersonChoice)
        field.queryset = people


class ReplicateForm(forms.Form):
    municipality = MunicipalityField(
        label=_("Il tuo comune"),
        help_text=_("Dove vuoi replicare l'esperienza. Scrivi il nome e scegli tra i suggeriti."),
        error_messages={"required": _("Indica il comune in cui vuoi replicarla.")},
    )
