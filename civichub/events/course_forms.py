"""Forms of the course pages. They parse and show errors; the rules live in
``course_services`` (whose ``ValidationError`` messages the views add to the form)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civichub.core.validators import DOCUMENT_MIME_TYPES, validate_upload

from .course_services import (
    CV_MAX_BYTES,
    FEEDBACK_MAX_LENGTH,
    MOTIVATION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SUBMISSION_MAX_BYTES,
    SUBMISSION_MIME_TYPES,
    SUBMISSION_TEXT_MAX_LENGTH,
)
from .models import ADMISSION_SLUGS, Admission, ApplicationCriterion, ApplicationStatus


class CourseFilterForm(forms.Form):
    use_required_attribute = False

    tema = forms.SlugField(label=_("Tema"), required=False)
    ammissione = forms.ChoiceField(
        label=_("Ammissione"),
        required=False,
        choices=[("", _("Tutte")), *[(ADMISSION_SLUGS[a], a.label) for a in Admission]],
    )


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label=_("Motivazione"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MOTIVATION_MAX_LENGTH,
        help_text=_(
            "Perché vuoi partecipare, cosa porti della tua esperienza e cosa ti aspetti "
            "(al massimo 5.000 caratteri)."
        ),
    )
    cv = forms.FileField(
        label=_("Curriculum vitae (PDF, al massimo 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Lo vedranno solo il gruppo del percorso e tu."),
    )

    def clean_cv(self) -> Any:
        cv = self.cleaned_data.get("cv")
        if cv is not None:
            validate_upload(cv, allowed=DOCUMENT_MIME_TYPES, max_bytes=CV_MAX_BYTES)
        return cv


class ScoreForm(forms.Form):
    """One score (and note) per criterion of the course."""

    def __init__(
        self,
        *args: Any,
        criteria: list[ApplicationCriterion],
        initial_scores: dict[int, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            previous = (initial_scores or {}).get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (0–%(max)d, peso %(weight)d)")
                % {"name": criterion.name, "max": criterion.max_score, "weight": criterion.weight},
                min_value=0,
                max_value=criterion.max_score,
                initial=previous.score if previous else None,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Nota su «%(name)s»") % {"name": criterion.name},
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=previous.note if previous else "",
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"note_{c.pk}", "") for c in self.criteria}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decisione"),
        widget=forms.RadioSelect,
        choices=[
            (ApplicationStatus.ADMITTED, _("Ammetti")),
            (ApplicationStatus.WAITLISTED, _("Metti in lista d'attesa")),
            (ApplicationStatus.REFUSED, _("Non ammettere")),
        ],
    )
    note = forms.CharField(
        label=_("Nota per chi si è candidato"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facoltativa: sarà inclusa nell'e-mail."),
    )


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Testo"),
        required=False,
        max_length=SUBMISSION_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(
        label=_("File (PDF, DOCX od ODT, al massimo 10 MB)"),
        required=False,
        help_text=_("Una nuova consegna sostituisce la precedente."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            validate_upload(upload, allowed=SUBMISSION_MIME_TYPES, max_bytes=SUBMISSION_MAX_BYTES)
        return upload


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_("Riscontro"),
        max_length=FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    accepted = forms.BooleanField(label=_("Consegna accettata"), required=False)

    def clean_feedback(self) -> str:
        value = (self.cleaned_data.get("feedback") or "").strip()
        if not value:
            raise ValidationError(_("Scrivi il riscontro."))
        return value
