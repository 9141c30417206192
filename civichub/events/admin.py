"""Back office (Wagtail): events and registrations, for promoters and staff.

Every check goes through ``permissions.can`` and every write through ``services``:
the event form is validated by ``services.event_validate`` and saved by
``event_create`` / ``event_update`` (region from the comune, the waitlist moved by a
change of capacity, people told about new dates, audit log), publishing and cancelling
are the services' actions, and registrations are only checked in or cancelled, never
edited. Nobody deletes an event here: cancelling is the way, and it tells the people
registered.
"""

from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
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
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from civichub.accounts.models import Role, User
from civichub.accounts.permissions import is_promoter
from civichub.core.spreadsheets import safe_cell

from .models import (
    ACTIVE_STATUSES,
    Cohort,
    Event,
    EventState,
    Registration,
    RegistrationStatus,
)
from .permissions import can
from .services import (
    CHILD_FIELDS,
    EDITABLE_FIELDS,
    event_cancel,
    event_create,
    event_publish,
    event_update,
    event_validate,
    registration_cancel,
    registration_check_in,
)

EVENT_URLS = "wagtailsnippets_events_event"
REGISTRATION_URLS = "wagtailsnippets_events_registration"
PUBLISH, CANCEL = "publish", "cancel"


# --- permissions ----------------------------------------------------------------------------


class _PromoterPolicy(BasePermissionPolicy):
    """Wagtail's questions answered by our rules: promoters (staff included) may take
    ``actions``; nobody else any. A promoter who is not staff reaches the back office
    through the "Promotori" group."""

    actions: frozenset[str] = frozenset()

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.actions and is_promoter(user)

    def users_with_any_permission(self, actions: Any) -> QuerySet[User]:
        if not self.actions.intersection(actions):
            return User.objects.none()
        return User.objects.filter(is_active=True).filter(
            Q(role=Role.PROMOTER) | Q(is_staff=True) | Q(is_superuser=True)
        )


class EventPermissionPolicy(_PromoterPolicy):
    actions = frozenset({"add", "change", "view"})

    def user_has_permission(self, user: Any, action: str) -> bool:
        if action == "add":
            return super().user_has_permission(user, action) and can(user, "create_event")
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        # Promoters manage every event (permissions.is_manager): no per-row lookup of
        # the organisation's admins.
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet[Event]:
        if not self.user_has_any_permission(user, actions):
            return Event.objects.none()
        return Event.objects.all()


class RegistrationPermissionPolicy(_PromoterPolicy):
    actions = frozenset({"view"})


# --- people chooser (speakers who are members) ------------------------------------------------


class PersonSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_lazy("Cerca"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _lazy("Nome e cognome")}),
    )

    def filter(self, objects: QuerySet[User]) -> QuerySet[User]:
        words = (self.cleaned_data.get("q") or "").split()[:4]
        if not words:
            return objects
        self.is_searching, self.search_query = True, " ".join(words)
        for word in words:
            objects = objects.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return objects


def _people() -> QuerySet[User]:
    """Members who completed the form, by name: e-mail addresses stay out of the list."""
    return User.objects.filter(
        is_active=True, joined_at__isnull=False, erased_at__isnull=True
    ).only("pk", "first_name", "last_name", "email", "erased_at")


class _PromotersOnly:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_promoter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PersonChooseView(_PromotersOnly, ChooseView):
    filter_form_class = PersonSearchForm
    ordering = ["last_name", "first_name", "pk"]

    def get_object_list(self) -> QuerySet[User]:
        return _people()


class PersonChooseResultsView(_PromotersOnly, ChooseResultsView):
    filter_form_class = PersonSearchForm
    ordering = ["last_name", "first_name", "pk"]

    def get_object_list(self) -> QuerySet[User]:
        return _people()


class PersonChosenView(_PromotersOnly, ChosenView):
    def get_object(self, pk: Any) -> User:
        return _people().get(pk=pk)


class PersonChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _lazy("Scegli una persona")
    choose_another_text = _lazy("Scegli un'altra persona")
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView


person_chooser_viewset = PersonChooserViewSet("events_person_chooser", url_prefix="eventi/persone")


# --- the event form ---------------------------------------------------------------------------


class EventAdminForm(WagtailAdminModelForm):
    """The model form Wagtail builds from the panels, checked again by the services
    (the same rules as the site's form) and saved by them, never by ``form.save()``."""

    action = forms.ChoiceField(
        label=_lazy("Azione"),
        required=False,
        choices=[
            ("", "—"),
            (PUBLISH, _lazy("Pubblica (se in bozza)")),
            (CANCEL, _lazy("Annulla l'evento (se pubblicato)")),
        ],
        help_text=_lazy("Chi è iscritto riceve un'e-mail con il motivo dell'annullamento."),
    )
    reason = forms.CharField(
        label=_lazy("Motivo dell'annullamento"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def service_data(self) -> dict[str, Any]:
        """What the services take: the editable fields of the form and the child rows
        (an existing row keeps its pk, so a question keeps its answers)."""
        data = {name: value for name, value in self.cleaned_data.items() if name in EDITABLE_FIELDS}
        for name, fields in CHILD_FIELDS.items():
            formset = self.formsets.get(name)
            if formset is None:
                continue
            rows = []
            for form in formset.ordered_forms if formset.can_order else formset.forms:
                if formset.can_delete and formset._should_delete_form(form):
                    continue
                if form.instance.pk is None and not form.has_changed():
                    continue
                row = {field: form.cleaned_data.get(field) for field in fields}
                row["pk"] = form.instance.pk
                rows.append(row)
            data[name] = rows
        return data

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        event = self.instance if self.instance.pk else None
        try:
            event_validate(self.service_data(), event=event, actor=self.for_user)
        except ValidationError as error:
            self._add_service_errors(error)
        action = self.cleaned_data.get("action")
        state = event.state if event is not None else EventState.DRAFT
        if action == PUBLISH and state != EventState.DRAFT:
            self.add_error("action", _("Si pubblica solo un evento in bozza."))
        if action == CANCEL:
            if state != EventState.PUBLISHED:
                self.add_error("action", _("Si annulla solo un evento pubblicato."))
            elif not (self.cleaned_data.get("reason") or "").strip():
                self.add_error("reason", _("Spiega perché: lo leggeranno gli iscritti."))
        return not self.errors

    def _add_service_errors(self, error: ValidationError) -> None:
        for field, errors in error.error_dict.items() if hasattr(error, "error_dict") else ():
            target = field if field in self.fields else None
            for item in errors:
                message = " ".join(item.messages)
                if target is None and field in CHILD_FIELDS:
                    message = f"{self.formsets[field].model._meta.verbose_name_plural}: {message}"
                self.add_error(target, message)
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)


class _ServiceSaveMixin:
    """Create and edit views that save through the services, then take the action."""

    request: HttpRequest
    form: EventAdminForm

    def save_event(self, data: dict[str, Any]) -> Event:
        raise NotImplementedError

    def save_instance(self) -> Event:
        event = self.save_event(self.form.service_data())
        action = self.form.cleaned_data.get("action")
        user: Any = self.request.user
        try:
            if action == PUBLISH:
                event = event_publish(event=event, actor=user)
            elif action == CANCEL:
                event = event_cancel(
                    event=event, actor=user, reason=self.form.cleaned_data["reason"]
                )
        except ValidationError as error:
            # The event is saved; only the action could not be taken.
            messages.error(self.request, " ".join(error.messages))
        return event

    def form_valid(self, form: EventAdminForm) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            # Someone changed the event meanwhile: nothing was saved (one transaction).
            form._add_service_errors(error)
            return self.form_invalid(form)  # type: ignore[attr-defined]


class EventCreateView(_ServiceSaveMixin, CreateView):
    def save_event(self, data: dict[str, Any]) -> Event:
        return event_create(actor=self.request.user, data=data)  # type: ignore[arg-type]


class EventEditView(_ServiceSaveMixin, EditView):
    def save_event(self, data: dict[str, Any]) -> Event:
        return event_update(event=self.object, actor=self.request.user, data=data)  # type: ignore[arg-type]


# --- the events' listing ------------------------------------------------------------------


class EventFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_lazy("Quando"),
        choices=[("prossimi", _lazy("In programma")), ("passati", _lazy("Passati"))],
        method="filter_when",
        empty_label=_lazy("Tutti"),
        widget=forms.RadioSelect,
    )

    cohort = django_filters.ModelChoiceFilter(
        label=_lazy("Edizione del percorso"),
        queryset=Cohort.objects.select_related("course").order_by("-starts_on", "pk"),
    )

    class Meta:
        model = Event
        fields = ["state", "kind", "format", "cohort"]

    def filter_when(self, queryset: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
        now = timezone.now()
        return (
            queryset.filter(ends_at__gte=now)
            if value == "prossimi"
            else queryset.filter(ends_at__lt=now)
        )


def registrations_url(event: Event) -> str:
    return f"{reverse(f'{REGISTRATION_URLS}:list')}?event={event.pk}"


class EventIndexView(IndexView):
    def get_list_more_buttons(self, instance: Event) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Iscrizioni"), url=registrations_url(instance), icon_name="group", priority=5
            )
        )
        if instance.state != EventState.DRAFT:
            buttons.append(
                MenuItem(
                    _("Pagina pubblica"),
                    url=instance.get_absolute_url(),
                    icon_name="link-external",
                    priority=6,
                )
            )
        return buttons


TEXTS = [
    FieldPanel("title"),
    FieldPanel("title_en"),
    FieldPanel("slug", read_only=True),
    FieldPanel("summary"),
    FieldPanel("summary_en"),
    FieldPanel("description"),
    FieldPanel("description_en"),
    FieldRowPanel([FieldPanel("kind"), FieldPanel("language")]),
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
    FieldPanel("cover"),
]
WHEN_AND_WHERE = [
    FieldPanel("format"),
    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    MultiFieldPanel(
        [
            FieldPanel("municipality"),
            FieldPanel("region", read_only=True),
            FieldPanel("venue_name"),
            FieldPanel("address"),
            FieldPanel("accessibility_notes"),
            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        ],
        heading=_lazy("In presenza"),
    ),
    MultiFieldPanel(
        [FieldPanel("online_url"), FieldPanel("online_instructions")],
        heading=_lazy("Online: solo per chi è confermato"),
    ),
]
SPEAKER_PANELS = [
    FieldPanel("user", widget=person_chooser_viewset.widget_class),
    FieldPanel("name"),
    FieldPanel("role"),
    FieldPanel("bio"),
]
REGISTRATION_SETTINGS = [
    FieldPanel("registration_required"),
    FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
    FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
    FieldRowPanel([FieldPanel("cancellation_deadline_hours"), FieldPanel("offer_hours")]),
    FieldRowPanel(
        [
            FieldPanel("remind_day_before"),
            FieldPanel("remind_hour_before"),
            FieldPanel("feedback_enabled"),
        ]
    ),
    MultiFieldPanel(
        [
            FieldPanel("confirmed_count", read_only=True, heading=_lazy("Posti confermati")),
            FieldPanel("waitlist_count", read_only=True, heading=_lazy("In lista d'attesa")),
        ],
        heading=_lazy("Iscritti"),
    ),
    InlinePanel("questions", label=_lazy("Domande di iscrizione")),
]
STATE = [
    MultiFieldPanel(
        [
            FieldPanel("state", read_only=True),
            FieldPanel("organiser", read_only=True),
            FieldPanel("published_at", read_only=True),
            FieldPanel("cancelled_at", read_only=True),
            FieldPanel("cancellation_reason", read_only=True),
        ],
        heading=_lazy("Stato"),
    ),
    FieldPanel("action"),
    FieldPanel("reason"),
]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _lazy("Eventi")
    list_display = [
        "title",
        "kind",
        Column("starts_at", label=_lazy("Inizio"), sort_key="starts_at"),
        "state",
        Column("confirmed_count", label=_lazy("Confermati"), sort_key="confirmed_count"),
        Column("waitlist_count", label=_lazy("In attesa"), sort_key="waitlist_count"),
    ]
    filterset_class = EventFilterSet
    # The database, not the search index: filters on any column combine with the text.
    search_backend_name = None
    search_fields = ["title", "summary", "slug"]
    ordering = ["-starts_at"]
    index_view_class = EventIndexView
    add_view_class = EventCreateView
    edit_view_class = EventEditView
    copy_view_enabled = False
    edit_handler = TabbedInterface(
        [
            ObjectList(TEXTS, heading=_lazy("Contenuti")),
            ObjectList(WHEN_AND_WHERE, heading=_lazy("Quando e dove")),
            ObjectList(
                [
                    FieldPanel("organisation"),
                    FieldPanel("area"),
                    MultiFieldPanel(
                        [FieldPanel("cohort"), FieldPanel("module")],
                        heading=_lazy("Incontro di un percorso"),
                        help_text=_lazy(
                            "Solo chi è iscritto all'edizione può iscriversi all'incontro."
                        ),
                    ),
                    InlinePanel("sessions", label=_lazy("Programma")),
                    InlinePanel("speakers", label=_lazy("Relatori"), panels=SPEAKER_PANELS),
                ],
                heading=_lazy("Programma e relatori"),
            ),
            ObjectList(REGISTRATION_SETTINGS, heading=_lazy("Iscrizioni")),
            ObjectList(
                [FieldPanel("materials"), FieldPanel("recording")],
                heading=_lazy("Materiali"),
            ),
            ObjectList(STATE, heading=_lazy("Stato")),
        ],
        base_form_class=EventAdminForm,
    )


# --- registrations ------------------------------------------------------------------------


class CheckedInFilter(django_filters.BooleanFilter):
    def filter(self, qs: QuerySet[Registration], value: bool | None) -> QuerySet[Registration]:
        if value is None:
            return qs
        return qs.filter(checked_in_at__isnull=not value)


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_lazy("Evento"),
        queryset=Event.objects.exclude(state=EventState.DRAFT).order_by("-starts_at", "-pk"),
    )
    checked_in = CheckedInFilter(label=_lazy("Presenza registrata"))

    class Meta:
        model = Registration
        fields = ["event", "status", "checked_in"]


def _return_to(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(f"{REGISTRATION_URLS}:list")


def _registration_actions(user: Any, registration: Registration) -> list[tuple[str, str, str]]:
    """(label, url name, icon) of the actions ``user`` may take on ``registration``."""
    actions = []
    event = registration.event
    # Promoters (the only people here) manage every event; asked first, it spares a
    # query per organisation in the listing.
    manager = is_promoter(user) or can(user, "manage_event", event)
    if (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.checked_in_at is None
        and event.state == EventState.PUBLISHED
        and manager
    ):
        actions.append((_("Registra la presenza"), "check_in", "tick"))
    if registration.status in ACTIVE_STATUSES and manager:
        actions.append((_("Annulla l'iscrizione"), "cancel", "cross"))
    return actions


class RegistrationIndexView(IndexView):
    def get_base_queryset(self) -> QuerySet[Registration]:
        return super().get_base_queryset().select_related("event", "user")

    def get_list_more_buttons(self, instance: Registration) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        back = self.request.get_full_path()
        for priority, (label, name, icon) in enumerate(
            _registration_actions(self.request.user, instance), start=5
        ):
            url = reverse(f"{REGISTRATION_URLS}:{name}", args=[instance.pk])
            url = f"{url}?{urlencode({'next': back})}"
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset: QuerySet[Registration]) -> Any:
        # A byte order mark, so that spreadsheets read the accents as UTF-8.
        yield "\ufeff"
        yield from super().stream_csv(queryset)


class RegistrationInspectView(InspectView):
    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        if field_name == "answers":
            labels = dict(self.object.event.questions.values_list("pk", "label"))
            return (
                "; ".join(
                    f"{labels.get(int(key), key) if str(key).isdigit() else key}: {value}"
                    for key, value in (self.object.answers or {}).items()
                )
                or "—"
            )
        return super().get_field_display_value(field_name, field)

    @cached_property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        for priority, (label, name, icon) in enumerate(
            _registration_actions(self.request.user, self.object), start=5
        ):
            url = reverse(f"{REGISTRATION_URLS}:{name}", args=[self.object.pk])
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class RegistrationActionView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page, then the POST that calls the service."""

    template_name = "events/admin/registration_action.html"
    header_icon = "date"
    action = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_promoter(request.user):
            raise PermissionDenied
        self.registration = get_object_or_404(
            Registration.objects.select_related("event", "user"), pk=kwargs["pk"]
        )
        allowed = {
            name for _label, name, _icon in _registration_actions(request.user, self.registration)
        }
        if self.action not in allowed:
            messages.error(request, _("Questa azione non è possibile per questa iscrizione."))
            return redirect(_return_to(request))
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return {"check_in": _("Registra la presenza"), "cancel": _("Annulla l'iscrizione")}[
            self.action
        ]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{REGISTRATION_URLS}:list"), "label": _("Iscrizioni")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            registration=self.registration,
            action=self.action,
            next=_return_to(self.request),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        name = self.registration.user.display_name
        try:
            if self.action == "check_in":
                registration_check_in(registration=self.registration, actor=user)
                messages.success(request, _("Presenza registrata per %(name)s.") % {"name": name})
            else:
                registration_cancel(registration=self.registration, actor=user)
                messages.success(request, _("Iscrizione di %(name)s annullata.") % {"name": name})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(_return_to(request))


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = _lazy("Iscrizioni")
    list_display = [
        Column("user", label=_lazy("Persona")),
        "event",
        "status",
        Column("created_at", label=_lazy("Iscritta il"), sort_key="created_at"),
        "checked_in_at",
    ]
    filterset_class = RegistrationFilterSet
    search_backend_name = None
    search_fields = ["user__first_name", "user__last_name", "user__email", "event__title"]
    ordering = ["-created_at", "-pk"]
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "event",
        "user",
        "status",
        "answers",
        "queued_at",
        "offer_expires_at",
        "cancelled_at",
        "cancelled_by_organiser",
        "checked_in_at",
        "checked_in_by",
        "created_at",
    ]
    list_export = [
        "event.title",
        "event.starts_at",
        "user.display_name",
        "user.email",
        "get_status_display",
        "created_at",
        "cancelled_at",
        "checked_in_at",
    ]
    export_headings = {
        "event.title": _lazy("Evento"),
        "event.starts_at": _lazy("Inizio"),
        "user.display_name": _lazy("Persona"),
        "user.email": _lazy("E-mail"),
        "get_status_display": _lazy("Stato"),
        "created_at": _lazy("Iscritta il"),
        "cancelled_at": _lazy("Annullata il"),
        "checked_in_at": _lazy("Presenza registrata il"),
    }
    export_filename = "iscrizioni"

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path(
                "presenza/<int:pk>/",
                RegistrationActionView.as_view(action="check_in"),
                name="check_in",
            ),
            path(
                "annulla/<int:pk>/",
                RegistrationActionView.as_view(action="cancel"),
                name="cancel",
            ),
        ]


class EventsViewSetGroup(SnippetViewSetGroup):
    items = (EventViewSet, RegistrationViewSet)
    menu_icon = "date"
    menu_label = _lazy("Eventi")
    menu_name = "events"
    menu_order = 260
