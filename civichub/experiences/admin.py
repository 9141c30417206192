"""Back office (Wagtail): experiences as a snippet with revisions.

Each save in the back office keeps a revision, as the site's services do, so the history
view lists every version from both sides and compares any two. The form sanitises the
rich text as the site does and recomputes the derived columns after saving; the
workflow state is changed only through the services (the «Decisione» field), so that
approvals, requests for changes and withdrawals log, notify and count the same way.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from .models import Experience, State
from .services import (
    RESERVED_SLUGS,
    RICH_TEXT_FIELDS,
    experience_approve,
    experience_refresh_derived,
    experience_reject,
    experience_request_changes,
    experience_unpublish,
    rich_text,
)

APPROVE, REQUEST_CHANGES, REJECT, UNPUBLISH = "approve", "request_changes", "reject", "unpublish"
DECISIONS_BY_STATE: dict[str, tuple[str, ...]] = {
    State.SUBMITTED: (APPROVE, REQUEST_CHANGES, REJECT),
    State.PUBLISHED: (UNPUBLISH,),
}
# The English twins of the rich-text fields are sanitised the same way.
SANITISED_FIELDS = (*RICH_TEXT_FIELDS, *(f"{name}_en" for name in RICH_TEXT_FIELDS))


class ExperienceAdminForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        label=_lazy("Decisione"),
        required=False,
        choices=[
            ("", "—"),
            (APPROVE, _lazy("Approva e pubblica (se in revisione)")),
            (REQUEST_CHANGES, _lazy("Chiedi modifiche (se in revisione)")),
            (REJECT, _lazy("Respingi (se in revisione)")),
            (UNPUBLISH, _lazy("Ritira dalla pubblicazione (se pubblicata)")),
        ],
        help_text=_lazy("Gli autori ricevono un'e-mail con il commento."),
    )
    decision_comment = forms.CharField(
        label=_lazy("Commento per gli autori"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Obbligatorio tranne che per approvare."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("Questo slug è riservato a una pagina del sito."))
        for name in SANITISED_FIELDS:
            if name in cleaned:
                cleaned[name] = rich_text(cleaned[name] or "")
        decision = cleaned.get("decision")
        if decision:
            state = self.instance.state if self.instance.pk else ""
            if decision not in DECISIONS_BY_STATE.get(state, ()):
                self.add_error("decision", _("Questa decisione non si applica allo stato attuale."))
            elif decision != APPROVE and not (cleaned.get("decision_comment") or "").strip():
                self.add_error("decision_comment", _("Spiega agli autori il motivo."))
        self.instance.updated_at = timezone.now()
        return cleaned


def _after_save(view: Any, experience: Experience) -> None:
    experience_refresh_derived(experience)
    decision = view.form.cleaned_data.get("decision")
    if not decision:
        return
    comment = view.form.cleaned_data.get("decision_comment") or ""
    actor = view.request.user
    try:
        if decision == APPROVE:
            experience_approve(experience=experience, actor=actor, comment=comment)
        elif decision == REQUEST_CHANGES:
            experience_request_changes(experience=experience, actor=actor, comment=comment)
        elif decision == REJECT:
            experience_reject(experience=experience, actor=actor, reason=comment)
        else:
            experience_unpublish(experience=experience, actor=actor, reason=comment)
    except ValidationError as error:
        messages.error(view.request, " ".join(error.messages))
    else:
        experience.refresh_from_db()


class ExperienceCreateView(CreateView):
    def save_instance(self) -> Experience:
        self.form.instance.author = self.request.user
        experience = super().save_instance()
        _after_save(self, experience)
        return experience


class ExperienceEditView(EditView):
    def save_instance(self) -> Experience:
        experience = super().save_instance()
        _after_save(self, experience)
        return experience


class ExperienceViewSet(SnippetViewSet):
    model = Experience
    icon = "doc-full"
    menu_label = _lazy("Esperienze")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "state", "status", "scale", "author", "updated_at"]
    list_filter = ["state", "status", "scale"]
    # The database, not the search index: filters on any column combine with the text.
    search_backend_name = None
    search_fields = ["title", "summary", "slug"]
    ordering = ["-updated_at"]
    add_view_class = ExperienceCreateView
    edit_view_class = ExperienceEditView
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("title_en"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    FieldPanel("summary_en"),
                    FieldPanel("narrative"),
                    FieldPanel("narrative_en"),
                ],
                heading=_lazy("Racconto"),
            ),
            ObjectList(
                [
                    FieldPanel("scale"),
                    FieldPanel("municipalities"),
                    FieldRowPanel([FieldPanel("province"), FieldPanel("region")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_lazy("Territorio"),
            ),
            ObjectList(
                [
                    FieldRowPanel(
                        [FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]
                    ),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("methods", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("iap2_level"),
                    FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("participants_count"),
                    FieldPanel("recruitment"),
                    FieldPanel("recruitment_notes"),
                    FieldPanel("budget_band"),
                    FieldPanel("funding_sources"),
                ],
                heading=_lazy("Quando e come"),
            ),
            ObjectList(
                [
                    FieldPanel("outcomes"),
                    FieldPanel("outcomes_en"),
                    FieldPanel("evidence"),
                    FieldPanel("has_evaluation"),
                    FieldPanel("evaluation_report"),
                    FieldPanel("lessons"),
                    FieldPanel("lessons_en"),
                    FieldPanel("replicability"),
                ],
                heading=_lazy("Risultati"),
            ),
            ObjectList(
                [
                    InlinePanel("organisations", label=_lazy("Organizzazioni coinvolte")),
                    InlinePanel("testimonials", label=_lazy("Testimonianze")),
                ],
                heading=_lazy("Organizzazioni"),
            ),
            ObjectList(
                [
                    InlinePanel("images", label=_lazy("Immagini")),
                    InlinePanel("documents", label=_lazy("Documenti")),
                    InlinePanel("links", label=_lazy("Collegamenti e video")),
                ],
                heading=_lazy("Media"),
            ),
            ObjectList(
                [
                    FieldPanel("contact_name"),
                    FieldPanel("contact_email"),
                    FieldPanel("website"),
                    FieldPanel("licence"),
                    FieldPanel("replicated_from"),
                ],
                heading=_lazy("Contatti e relazioni"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("state", read_only=True),
                            FieldPanel("author", read_only=True),
                            FieldPanel("review_comment", read_only=True),
                            FieldPanel("submitted_at", read_only=True),
                            FieldPanel("published_at", read_only=True),
                            FieldPanel("replication_count", read_only=True),
                        ],
                        heading=_lazy("Stato redazionale"),
                    ),
                    FieldPanel("decision"),
                    FieldPanel("decision_comment"),
                ],
                heading=_lazy("Revisione"),
            ),
        ],
        base_form_class=ExperienceAdminForm,
    )
