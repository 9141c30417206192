"""Back office (Wagtail): organisations, memberships and contributor applications.

The organisation form runs the same validation as the site; decisions on contributor
applications go through the services, so they set the flag, log and notify as on the site.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from .models import ContributorApplication, Membership, Organisation
from .services import (
    RESERVED_SLUGS,
    OrganisationData,
    contributor_application_approve,
    contributor_application_refuse,
    organisation_validate,
)

NORMALISED_FIELDS = ("tax_code", "ipa_code", "pa_kind", "runts_section", "runts_number")


class OrganisationAdminForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("slug") in RESERVED_SLUGS:
            self.add_error("slug", _("Questo slug è riservato a una pagina del sito."))
        logo = cleaned.get("logo")
        data = OrganisationData(
            name=cleaned.get("name") or "",
            kind=cleaned.get("kind") or "",
            pa_kind=cleaned.get("pa_kind") or "",
            ipa_code=cleaned.get("ipa_code") or "",
            runts_section=cleaned.get("runts_section") or "",
            runts_number=cleaned.get("runts_number") or "",
            tax_code=cleaned.get("tax_code") or "",
            municipality=cleaned.get("municipality"),
            logo=logo if isinstance(logo, UploadedFile) else None,
        )
        try:
            values = organisation_validate(data, self.instance if self.instance.pk else None)
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            for field in NORMALISED_FIELDS:
                cleaned[field] = values[field]
            self.instance.region = values["region"]
        return cleaned


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _lazy("Organizzazioni")
    list_display = ["name", "kind", "region", "is_verified", "is_contributor", "updated_at"]
    list_filter = ["kind", "region", "is_verified", "is_contributor", "is_public"]
    search_fields = ["name", "summary", "tax_code", "ipa_code"]
    ordering = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("tax_code"),
                    MultiFieldPanel(
                        [FieldPanel("pa_kind"), FieldPanel("ipa_code")],
                        heading=_lazy("Pubblica amministrazione"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("runts_section"), FieldPanel("runts_number")],
                        heading=_lazy("Terzo Settore"),
                    ),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldPanel("logo"),
                    FieldPanel("competences"),
                    FieldPanel("themes"),
                ],
                heading=_lazy("Scheda"),
            ),
            ObjectList(
                [
                    FieldPanel("website"),
                    FieldPanel("email"),
                    FieldPanel("phone"),
                    FieldPanel("address"),
                    FieldPanel("municipality"),
                    FieldPanel("operating_regions"),
                    FieldPanel("operating_municipalities"),
                ],
                heading=_lazy("Contatti e territori"),
            ),
            ObjectList(
                [FieldPanel("is_public"), FieldPanel("is_verified"), FieldPanel("is_contributor")],
                heading=_lazy("Stato"),
            ),
        ],
        base_form_class=OrganisationAdminForm,
    )


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _lazy("Appartenenze")
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("organisation"),
        FieldPanel("user"),
        FieldPanel("role"),
        FieldPanel("status"),
    ]


class ContributorApplicationAdminForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        stored = ContributorApplication.objects.get(pk=self.instance.pk)
        status = cleaned.get("status")
        if stored.status != ContributorApplication.Status.PENDING and status != stored.status:
            self.add_error("status", _("La candidatura è già stata decisa."))
        elif (
            status == ContributorApplication.Status.REFUSED
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Spiega all'organizzazione perché la rifiuti."))
        return cleaned


class ContributorApplicationEditView(EditView):
    def save_instance(self) -> ContributorApplication:
        instance = self.form.instance
        stored = ContributorApplication.objects.get(pk=instance.pk)
        if (
            stored.status != ContributorApplication.Status.PENDING
            or instance.status == stored.status
        ):
            return super().save_instance()
        decide = (
            contributor_application_approve
            if instance.status == ContributorApplication.Status.APPROVED
            else contributor_application_refuse
        )
        return decide(application=stored, actor=self.request.user, reason=instance.reason)


class ContributorApplicationViewSet(SnippetViewSet):
    model = ContributorApplication
    icon = "pick"
    menu_label = _lazy("Candidature contributrici")
    list_display = ["organisation", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "motivation"]
    ordering = ["-created_at"]
    edit_view_class = ContributorApplicationEditView
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("submitted_by"),
            FieldPanel("motivation"),
            FieldPanel("status"),
            FieldPanel("reason"),
        ],
        base_form_class=ContributorApplicationAdminForm,
    )


class OrganisationsViewSetGroup(SnippetViewSetGroup):
    menu_label = _lazy("Organizzazioni")
    menu_icon = "group"
    menu_order = 240
    items = (OrganisationViewSet, MembershipViewSet, ContributorApplicationViewSet)
