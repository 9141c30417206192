"""Back office (Wagtail) of the courses: courses with their modules and criteria,
editions (cohorts), applications, enrolments, assignments and submissions.

Promoters and staff work here (the course team of one cohort uses the site's pages
under ``/eventi/percorsi/``). Writes with side effects go through ``course_services``:
a new edition is created by ``cohort_create`` (its private working area with the
tutors as facilitators), an edition is changed by ``cohort_update``, applications are
decided by ``application_decide`` (an admission enrols, with the seat checked under the
cohort's lock), enrolments are withdrawn by ``enrolment_withdraw`` or checked by
``completion_check``, and submissions get the tutor's feedback by
``submission_feedback``. Applications, enrolments and submissions are never edited
or deleted here; courses and editions are archived or closed, not deleted.
"""

from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from civichub.accounts.permissions import is_promoter

from . import course_services
from .admin import EVENT_URLS, _PromoterPolicy, _return_to, person_chooser_viewset
from .models import (
    Application,
    ApplicationStatus,
    Assignment,
    Cohort,
    Course,
    Enrolment,
    EnrolmentState,
    Submission,
)

COURSE_URLS = "wagtailsnippets_events_course"
COHORT_URLS = "wagtailsnippets_events_cohort"
APPLICATION_URLS = "wagtailsnippets_events_application"
ENROLMENT_URLS = "wagtailsnippets_events_enrolment"
ASSIGNMENT_URLS = "wagtailsnippets_events_assignment"
SUBMISSION_URLS = "wagtailsnippets_events_submission"


# --- permissions ----------------------------------------------------------------------------


class EditablePolicy(_PromoterPolicy):
    """Courses, editions and assignments: created and changed, never deleted here."""

    actions = frozenset({"add", "change", "view"})


class ReadOnlyPolicy(_PromoterPolicy):
    """Applications, enrolments and submissions: seen here, changed by the actions."""

    actions = frozenset({"view"})


def _cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.select_related("course").order_by("-starts_on", "pk")


def _list_url(urls: str, **filters: Any) -> str:
    return f"{reverse(f'{urls}:list')}?{urlencode(filters)}"


# --- courses --------------------------------------------------------------------------------


class CourseFilterSet(WagtailFilterSet):
    class Meta:
        model = Course
        fields = ["state", "admission"]


class CourseIndexView(IndexView):
    def get_list_more_buttons(self, instance: Course) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Edizioni"),
                url=_list_url(COHORT_URLS, course=instance.pk),
                icon_name="calendar",
                priority=5,
            )
        )
        if instance.state != "draft":
            buttons.append(
                MenuItem(
                    _("Pagina pubblica"),
                    url=instance.get_absolute_url(),
                    icon_name="link-external",
                    priority=6,
                )
            )
        return buttons


class CourseViewSet(SnippetViewSet):
    model = Course
    icon = "list-ol"
    menu_label = _lazy("Percorsi")
    list_display = ["title", "admission", "state", "organisation"]
    filterset_class = CourseFilterSet
    search_backend_name = None
    search_fields = ["title", "summary", "slug"]
    ordering = ["title", "pk"]
    index_view_class = CourseIndexView
    copy_view_enabled = False
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("title_en"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    FieldPanel("summary_en"),
                    FieldPanel("description"),
                    FieldPanel("description_en"),
                    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                    MultiFieldPanel(
                        [
                            FieldPanel("for_public_bodies"),
                            FieldPanel("for_third_sector"),
                            FieldPanel("for_citizens"),
                            FieldPanel("for_facilitators"),
                        ],
                        heading=_lazy("Per chi è"),
                    ),
                ],
                heading=_lazy("Contenuti"),
            ),
            ObjectList(
                [
                    FieldPanel("organisation"),
                    FieldPanel("coordinator", widget=person_chooser_viewset.widget_class),
                    FieldPanel("admission"),
                    FieldRowPanel(
                        [FieldPanel("completion_attendance"), FieldPanel("requires_assignments")]
                    ),
                    FieldPanel("state"),
                ],
                heading=_lazy("Organizzazione e regole"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "modules",
                        label=_lazy("Moduli"),
                        panels=[
                            FieldPanel("title"),
                            FieldPanel("title_en"),
                            FieldPanel("description"),
                            FieldPanel("materials"),
                        ],
                    ),
                ],
                heading=_lazy("Moduli"),
            ),
            ObjectList(
                [InlinePanel("criteria", label=_lazy("Criteri di selezione"))],
                heading=_lazy("Selezione"),
            ),
        ]
    )


# --- editions -------------------------------------------------------------------------------


class CohortAdminForm(WagtailAdminModelForm):
    """The edition's fields; saved by ``cohort_create`` / ``cohort_update``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "tutors" in self.fields:
            from .admin import _people

            self.fields["tutors"].queryset = _people().order_by("last_name", "first_name", "pk")
            self.fields["tutors"].help_text = _(
                "Diventano facilitatori dell'area di lavoro riservata all'edizione."
            )
        if self.instance.pk and "course" in self.fields:
            # An edition stays in its course: its applications and sessions belong there.
            self.fields["course"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("La fine dell'edizione precede l'inizio."))
        opens, closes = data.get("applications_open_at"), data.get("applications_close_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "applications_close_at", _("La chiusura delle iscrizioni segue l'apertura.")
            )
        return data


class _CohortSaveMixin:
    request: HttpRequest
    form: CohortAdminForm

    def values(self) -> dict[str, Any]:
        return {
            name: self.form.cleaned_data[name]
            for name in course_services.COHORT_FIELDS
            if name in self.form.cleaned_data
        }

    def form_valid(self, form: CohortAdminForm) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            # Refused by the service (e.g. fewer seats than people enrolled): nothing saved.
            for message in error.messages:
                form.add_error(None, message)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)  # type: ignore[attr-defined]


class CohortCreateView(_CohortSaveMixin, CreateView):
    def save_instance(self) -> Cohort:
        return course_services.cohort_create(
            actor=self.request.user,  # type: ignore[arg-type]
            course=self.form.cleaned_data["course"],
            tutors=list(self.form.cleaned_data.get("tutors") or []),
            **self.values(),
        )


class CohortEditView(_CohortSaveMixin, EditView):
    def save_instance(self) -> Cohort:
        return course_services.cohort_update(
            cohort=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            tutors=list(self.form.cleaned_data.get("tutors") or []),
            **self.values(),
        )


class CohortFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_lazy("Percorso"), queryset=Course.objects.order_by("title", "pk")
    )

    class Meta:
        model = Cohort
        fields = ["course", "state"]


class CohortIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Cohort]:
        return super().get_base_queryset().select_related("course")

    def get_list_more_buttons(self, instance: Cohort) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        links = [
            (_("Incontri"), _list_url(EVENT_URLS, cohort=instance.pk), "date"),
            (_("Candidature"), _list_url(APPLICATION_URLS, cohort=instance.pk), "form"),
            (_("Iscrizioni al percorso"), _list_url(ENROLMENT_URLS, cohort=instance.pk), "group"),
            (_("Consegne"), _list_url(ASSIGNMENT_URLS, cohort=instance.pk), "doc-full"),
        ]
        for priority, (label, url, icon) in enumerate(links, start=5):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "calendar"
    menu_label = _lazy("Edizioni")
    list_display = [
        "__str__",
        Column("starts_on", label=_lazy("Inizio"), sort_key="starts_on"),
        "state",
        Column("capacity", label=_lazy("Posti")),
        Column("enrolled_count", label=_lazy("Iscritti"), sort_key="enrolled_count"),
        Column("applications_count", label=_lazy("Candidature"), sort_key="applications_count"),
    ]
    filterset_class = CohortFilterSet
    search_backend_name = None
    search_fields = ["name", "course__title"]
    ordering = ["-starts_on", "pk"]
    index_view_class = CohortIndexView
    add_view_class = CohortCreateView
    edit_view_class = CohortEditView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("capacity"),
            FieldRowPanel(
                [FieldPanel("applications_open_at"), FieldPanel("applications_close_at")]
            ),
            FieldPanel("tutors", widget=forms.SelectMultiple(attrs={"size": 8})),
            FieldPanel("state"),
            MultiFieldPanel(
                [
                    FieldPanel("area", read_only=True),
                    FieldPanel("enrolled_count", read_only=True, heading=_lazy("Iscritti")),
                    FieldPanel("applications_count", read_only=True, heading=_lazy("Candidature")),
                ],
                heading=_lazy("Area e contatori"),
            ),
        ],
        base_form_class=CohortAdminForm,
    )


# --- applications, enrolments, submissions: actions through the services -----------------


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_lazy("Decisione"),
        choices=[
            (ApplicationStatus.ADMITTED, _lazy("Ammetti (crea l'iscrizione al percorso)")),
            (ApplicationStatus.WAITLISTED, _lazy("Metti in lista d'attesa")),
            (ApplicationStatus.REFUSED, _lazy("Non ammettere")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_lazy("Nota per chi si è candidato"),
        required=False,
        max_length=course_services.NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label=_lazy("Riscontro"),
        max_length=course_services.FEEDBACK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    accepted = forms.BooleanField(label=_lazy("Elaborato accettato"), required=False)


class ConfirmForm(forms.Form):
    pass


class CourseActionView(WagtailAdminTemplateMixin, FormView):
    """One action on one row: a page with the form (or the confirmation), then the POST
    that calls the service. Only promoters and staff; the service checks again."""

    template_name = "events/admin/course_action.html"
    header_icon = "list-ol"
    model: type[Any] = Application
    urls = APPLICATION_URLS
    action = ""
    titles = {
        "decide": _lazy("Decidi sulla candidatura"),
        "withdraw": _lazy("Ritira l'iscrizione al percorso"),
        "completion": _lazy("Verifica il completamento"),
        "feedback": _lazy("Riscontro sull'elaborato"),
    }
    questions = {
        "withdraw": _lazy(
            "Ritiri l'iscrizione di %(name)s? Il posto si libera e le iscrizioni agli "
            "incontri futuri dell'edizione vengono annullate."
        ),
        "completion": _lazy(
            "Verifichi se %(name)s ha raggiunto la presenza minima (e le consegne "
            "accettate, se richieste)? Se sì, il percorso risulta completato e riceve "
            "l'attestato."
        ),
    }

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_promoter(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(self.queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def queryset(self) -> QuerySet[Any]:
        if self.model is Application:
            return Application.objects.select_related("cohort__course", "applicant")
        if self.model is Enrolment:
            return Enrolment.objects.select_related("cohort__course", "user")
        return Submission.objects.select_related(
            "assignment", "enrolment__user", "enrolment__cohort__course"
        )

    def get_form_class(self) -> type[forms.Form]:
        return {"decide": DecisionForm, "feedback": FeedbackForm}.get(self.action, ConfirmForm)

    def get_initial(self) -> dict[str, Any]:
        if self.action == "feedback":
            return {"feedback": self.object.feedback, "accepted": self.object.accepted}
        return {}

    def get_page_title(self) -> str:
        return str(self.titles[self.action])

    def get_page_subtitle(self) -> str:
        return str(self.object)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{self.urls}:list"), "label": self.model._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title()},
        ]

    def person(self) -> Any:
        if self.model is Application:
            return self.object.applicant
        if self.model is Enrolment:
            return self.object.user
        return self.object.enrolment.user

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        question = self.questions.get(self.action)
        return super().get_context_data(
            object=self.object,
            action=self.action,
            question=str(question) % {"name": self.person().display_name} if question else "",
            next=_return_to_list(self.request, self.urls),
            **kwargs,
        )

    def form_valid(self, form: forms.Form) -> HttpResponse:
        user: Any = self.request.user
        name = self.person().display_name
        try:
            if self.action == "decide":
                decided = course_services.application_decide(
                    application=self.object,
                    actor=user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
                messages.success(
                    self.request,
                    _("Candidatura di %(name)s: %(status)s.")
                    % {"name": name, "status": decided.get_status_display().lower()},
                )
            elif self.action == "withdraw":
                course_services.enrolment_withdraw(enrolment=self.object, actor=user)
                messages.success(
                    self.request, _("Iscrizione di %(name)s ritirata.") % {"name": name}
                )
            elif self.action == "completion":
                if course_services.completion_check(enrolment=self.object, actor=user):
                    messages.success(
                        self.request, _("%(name)s ha completato il percorso.") % {"name": name}
                    )
                else:
                    messages.warning(
                        self.request,
                        _("%(name)s non ha ancora i requisiti per il completamento.")
                        % {"name": name},
                    )
            else:
                course_services.submission_feedback(
                    submission=self.object,
                    actor=user,
                    feedback=form.cleaned_data["feedback"],
                    accepted=form.cleaned_data["accepted"],
                )
                messages.success(self.request, _("Riscontro inviato a %(name)s.") % {"name": name})
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        return redirect(_return_to_list(self.request, self.urls))


def _return_to_list(request: HttpRequest, urls: str) -> str:
    target = _return_to(request)
    default = reverse("wagtailsnippets_events_registration:list")
    return reverse(f"{urls}:list") if target == default else target


def _action_buttons(
    request: HttpRequest, urls: str, instance: Any, actions: list[tuple[str, str, str]]
) -> list[MenuItem]:
    back = request.get_full_path()
    return [
        MenuItem(
            label,
            url=f"{reverse(f'{urls}:{name}', args=[instance.pk])}?{urlencode({'next': back})}",
            icon_name=icon,
            priority=priority,
        )
        for priority, (label, name, icon) in enumerate(actions, start=5)
    ]


def _application_actions(application: Application) -> list[tuple[str, str, str]]:
    if application.status in (ApplicationStatus.ADMITTED, ApplicationStatus.WITHDRAWN):
        return []
    return [(_("Decidi"), "decide", "tick")]


def _enrolment_actions(enrolment: Enrolment) -> list[tuple[str, str, str]]:
    if enrolment.state != EnrolmentState.ACTIVE:
        return []
    return [
        (_("Verifica il completamento"), "completion", "tick"),
        (_("Ritira l'iscrizione"), "withdraw", "cross"),
    ]


def _site_link(application: Application) -> MenuItem:
    cohort = application.cohort
    return MenuItem(
        _("Valutazione sul sito (CV e punteggi)"),
        url=reverse("events:application", args=[cohort.course.slug, cohort.slug, application.pk]),
        icon_name="link-external",
        priority=9,
    )


def _inspect_buttons(view: Any, urls: str, actions: list[tuple[str, str, str]]) -> list[Any]:
    return [
        Button(label, url=reverse(f"{urls}:{name}", args=[view.object.pk]), icon_name=icon)
        for label, name, icon in actions
    ]


# --- applications ---------------------------------------------------------------------------


class ApplicationFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(label=_lazy("Edizione"), queryset=_cohorts())

    class Meta:
        model = Application
        fields = ["cohort", "status"]


class ApplicationIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Application]:
        return super().get_base_queryset().select_related("cohort__course", "applicant")

    def get_list_more_buttons(self, instance: Application) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons += _action_buttons(
            self.request, APPLICATION_URLS, instance, _application_actions(instance)
        )
        buttons.append(_site_link(instance))
        return buttons


class ApplicationInspectView(InspectView):
    @cached_property
    def header_more_buttons(self) -> list[Any]:
        return [
            *super().header_more_buttons,
            *_inspect_buttons(self, APPLICATION_URLS, _application_actions(self.object)),
        ]


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "form"
    menu_label = _lazy("Candidature")
    list_display = [
        Column("applicant", label=_lazy("Persona")),
        "cohort",
        "status",
        Column("score_total", label=_lazy("Punteggio"), sort_key="score_total"),
        Column("submitted_at", label=_lazy("Inviata il"), sort_key="submitted_at"),
    ]
    filterset_class = ApplicationFilterSet
    search_backend_name = None
    search_fields = ["applicant__first_name", "applicant__last_name", "applicant__email"]
    # The ranking: best total first, unscored last.
    ordering = ["-score_total", "submitted_at", "pk"]
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "cohort",
        "applicant",
        "motivation",
        "status",
        "score_total",
        "submitted_at",
        "decided_by",
        "decided_at",
        "decision_note",
    ]

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "decidi/<int:pk>/",
                CourseActionView.as_view(model=Application, urls=APPLICATION_URLS, action="decide"),
                name="decide",
            ),
        ]


# --- enrolments -----------------------------------------------------------------------------


class EnrolmentFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(label=_lazy("Edizione"), queryset=_cohorts())

    class Meta:
        model = Enrolment
        fields = ["cohort", "state"]


class EnrolmentIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Enrolment]:
        return super().get_base_queryset().select_related("cohort__course", "user")

    def get_list_more_buttons(self, instance: Enrolment) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons += _action_buttons(
            self.request, ENROLMENT_URLS, instance, _enrolment_actions(instance)
        )
        return buttons


class EnrolmentInspectView(InspectView):
    @cached_property
    def header_more_buttons(self) -> list[Any]:
        return [
            *super().header_more_buttons,
            *_inspect_buttons(self, ENROLMENT_URLS, _enrolment_actions(self.object)),
        ]


class EnrolmentViewSet(SnippetViewSet):
    model = Enrolment
    icon = "group"
    menu_label = _lazy("Iscrizioni ai percorsi")
    list_display = [
        Column("user", label=_lazy("Persona")),
        "cohort",
        "state",
        Column("created_at", label=_lazy("Iscritto il"), sort_key="created_at"),
        Column("completed_at", label=_lazy("Completato il"), sort_key="completed_at"),
    ]
    filterset_class = EnrolmentFilterSet
    search_backend_name = None
    search_fields = ["user__first_name", "user__last_name", "user__email", "certificate_code"]
    ordering = ["-created_at", "-pk"]
    index_view_class = EnrolmentIndexView
    inspect_view_class = EnrolmentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "cohort",
        "user",
        "application",
        "state",
        "created_at",
        "withdrawn_at",
        "completed_at",
        "certificate_code",
    ]
    list_export = [
        "cohort",
        "user.display_name",
        "user.email",
        "get_state_display",
        "created_at",
        "completed_at",
        "certificate_code",
    ]
    export_filename = "iscrizioni-percorsi"

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "ritira/<int:pk>/",
                CourseActionView.as_view(model=Enrolment, urls=ENROLMENT_URLS, action="withdraw"),
                name="withdraw",
            ),
            path(
                "completamento/<int:pk>/",
                CourseActionView.as_view(model=Enrolment, urls=ENROLMENT_URLS, action="completion"),
                name="completion",
            ),
        ]


# --- assignments and submissions -----------------------------------------------------------


class AssignmentFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(label=_lazy("Edizione"), queryset=_cohorts())

    class Meta:
        model = Assignment
        fields = ["cohort"]


class AssignmentIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Assignment]:
        return super().get_base_queryset().select_related("cohort__course")

    def get_list_more_buttons(self, instance: Assignment) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Elaborati"),
                url=_list_url(SUBMISSION_URLS, assignment=instance.pk),
                icon_name="doc-full",
                priority=5,
            )
        )
        return buttons


class AssignmentAdminForm(WagtailAdminModelForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        cohort, module = data.get("cohort"), data.get("module")
        if cohort and module and module.course_id != cohort.course_id:
            self.add_error("module", _("Il modulo appartiene a un altro percorso."))
        return data


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "doc-full"
    menu_label = _lazy("Consegne")
    list_display = [
        "title",
        "cohort",
        Column("due_at", label=_lazy("Scadenza"), sort_key="due_at"),
    ]
    filterset_class = AssignmentFilterSet
    search_backend_name = None
    search_fields = ["title"]
    ordering = ["-due_at", "pk"]
    index_view_class = AssignmentIndexView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldPanel("module"),
            FieldPanel("title"),
            FieldPanel("instructions"),
            FieldPanel("due_at"),
        ],
        base_form_class=AssignmentAdminForm,
    )


class SubmissionFilterSet(WagtailFilterSet):
    assignment__cohort = django_filters.ModelChoiceFilter(
        label=_lazy("Edizione"), queryset=_cohorts()
    )

    class Meta:
        model = Submission
        fields = ["assignment", "assignment__cohort", "accepted"]


def _submission_actions(submission: Submission) -> list[tuple[str, str, str]]:
    if submission.enrolment.state == EnrolmentState.WITHDRAWN:
        return []
    return [(_("Scrivi il riscontro"), "feedback", "edit")]


class SubmissionIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Submission]:
        return (
            super()
            .get_base_queryset()
            .select_related("assignment__cohort__course", "enrolment__user")
        )

    def get_list_more_buttons(self, instance: Submission) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons += _action_buttons(
            self.request, SUBMISSION_URLS, instance, _submission_actions(instance)
        )
        return buttons


class SubmissionInspectView(InspectView):
    @cached_property
    def header_more_buttons(self) -> list[Any]:
        return [
            *super().header_more_buttons,
            *_inspect_buttons(self, SUBMISSION_URLS, _submission_actions(self.object)),
        ]


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "doc-full-inverse"
    menu_label = _lazy("Elaborati")
    list_display = [
        "__str__",
        Column("submitted_at", label=_lazy("Consegnato il"), sort_key="submitted_at"),
        "accepted",
        Column("feedback_at", label=_lazy("Riscontro il"), sort_key="feedback_at"),
    ]
    filterset_class = SubmissionFilterSet
    search_backend_name = None
    search_fields = ["enrolment__user__first_name", "enrolment__user__last_name"]
    ordering = ["-submitted_at", "-pk"]
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "assignment",
        "enrolment",
        "text",
        "submitted_at",
        "feedback",
        "feedback_by",
        "feedback_at",
        "accepted",
    ]

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "riscontro/<int:pk>/",
                CourseActionView.as_view(model=Submission, urls=SUBMISSION_URLS, action="feedback"),
                name="feedback",
            ),
        ]


class CoursesViewSetGroup(SnippetViewSetGroup):
    items = (
        CourseViewSet,
        CohortViewSet,
        ApplicationViewSet,
        EnrolmentViewSet,
        AssignmentViewSet,
        SubmissionViewSet,
    )
    menu_icon = "list-ol"
    menu_label = _lazy("Percorsi formativi")
    menu_name = "courses"
    menu_order = 261


COURSE_POLICIES = {
    Course: EditablePolicy,
    Cohort: EditablePolicy,
    Assignment: EditablePolicy,
    Application: ReadOnlyPolicy,
    Enrolment: ReadOnlyPolicy,
    Submission: ReadOnlyPolicy,
}
