"""Back office (Wagtail): working areas and their memberships, for promoters and staff.

Areas are created and edited through ``services.areas`` (``area_create`` /
``area_update``: slugs off reserved paths, private areas by invitation, audit log), never
by ``form.save()``. Memberships are listed (filters by area, state and role) and
inspected; they change only through the facilitators' page of each area, which keeps
the counters and tells people.
"""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from civichub.accounts.models import Role, User
from civichub.accounts.permissions import has_joined, is_promoter

from .models import Area, AreaMembership
from .services.areas import UPDATABLE, area_create, area_update

AREA_URLS = "wagtailsnippets_communities_area"


class _PromoterPolicy(BasePermissionPolicy):
    """Promoters (staff included) may take ``actions``; nobody else any."""

    actions: frozenset[str] = frozenset()

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.actions and bool(is_promoter(user))

    def users_with_any_permission(self, actions: Any) -> QuerySet[User]:
        if not self.actions.intersection(actions):
            return User.objects.none()
        return User.objects.filter(is_active=True).filter(
            Q(role=Role.PROMOTER) | Q(is_staff=True) | Q(is_superuser=True)
        )

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        return self.model.objects.all()


class AreaPermissionPolicy(_PromoterPolicy):
    actions = frozenset({"add", "change", "view"})


class MembershipPermissionPolicy(_PromoterPolicy):
    actions = frozenset({"view"})


def _person(value: str) -> User | None:
    value = value.strip()
    user = (
        User.objects.filter(Q(email__iexact=value) | Q(public_id=value.lower()))
        .filter(is_active=True, erased_at__isnull=True)
        .first()
    )
    return user if user is not None and has_joined(user) else None


class AreaAdminForm(WagtailAdminModelForm):
    """Checked and saved by the services, never by ``form.save()``."""

    facilitators = forms.CharField(
        label=_lazy("Primi facilitatori"),
        required=False,
        help_text=_lazy(
            "Indirizzi e-mail o codici del profilo di iscritti all'hub, separati da virgole "
            "(solo alla creazione; poi i facilitatori si gestiscono dalla pagina dell'area)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Blank: the service makes one from the name, off the reserved paths.
            self.fields["slug"].required = False
            if self.instance.pk:
                self.fields["slug"].disabled = True

    def clean_facilitators(self) -> list[User]:
        people = []
        for value in filter(None, (self.cleaned_data.get("facilitators") or "").split(",")):
            person = _person(value)
            if person is None:
                raise ValidationError(
                    _("Non troviamo un iscritto all'hub con «%(value)s».")
                    % {"value": value.strip()}
                )
            people.append(person)
        return people


class _ServiceSaveMixin:
    request: Any
    form: AreaAdminForm

    def form_valid(self, form: AreaAdminForm) -> HttpResponse:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)  # type: ignore[attr-defined]


class AreaCreateView(_ServiceSaveMixin, CreateView):
    def save_instance(self) -> Area:
        data = self.form.cleaned_data
        area = area_create(
            actor=self.request.user,
            name=data["name"],
            purpose=data["purpose"],
            visibility=data["visibility"],
            join_policy=data["join_policy"],
            themes=data.get("themes") or (),
            facilitators=data.get("facilitators") or (),
            slug=data.get("slug") or None,
            is_promoters_workspace=bool(data.get("is_promoters_workspace")),
            welcome=data.get("welcome") or "",
        )
        english = {f: data[f] for f in ("name_en", "purpose_en") if data.get(f)}
        if english:
            area = area_update(area=area, actor=self.request.user, **english)
        return area


class AreaEditView(_ServiceSaveMixin, EditView):
    def save_instance(self) -> Area:
        data = self.form.cleaned_data
        return area_update(
            area=self.object,
            actor=self.request.user,
            themes=data.get("themes"),
            **{field: data[field] for field in UPDATABLE if field in data},
        )


class AreaFilterSet(WagtailFilterSet):
    class Meta:
        model = Area
        fields = ["visibility", "join_policy", "is_promoters_workspace"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "group"
    menu_label = _lazy("Aree di lavoro")
    list_display = [
        "name",
        "visibility",
        "join_policy",
        Column("members_count", label=_lazy("Membri"), sort_key="members_count"),
        Column("threads_count", label=_lazy("Discussioni"), sort_key="threads_count"),
        Column("last_activity_at", label=_lazy("Ultima attività"), sort_key="last_activity_at"),
    ]
    filterset_class = AreaFilterSet
    search_backend_name = None
    search_fields = ["name", "purpose", "slug"]
    ordering = ["name"]
    add_view_class = AreaCreateView
    edit_view_class = AreaEditView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")],
                heading=_lazy("Nome"),
            ),
            FieldPanel("purpose"),
            FieldPanel("purpose_en"),
            FieldPanel("welcome"),
            FieldPanel("themes"),
            MultiFieldPanel(
                [
                    FieldPanel("visibility"),
                    FieldPanel("join_policy"),
                    FieldPanel("is_promoters_workspace"),
                ],
                heading=_lazy("Accesso"),
            ),
            FieldPanel("facilitators"),
        ],
        base_form_class=AreaAdminForm,
    )


class MembershipFilterSet(WagtailFilterSet):
    area = django_filters.ModelChoiceFilter(
        label=_lazy("Area"), queryset=Area.objects.order_by("name")
    )

    class Meta:
        model = AreaMembership
        fields = ["area", "state", "role"]


class MembershipViewSet(SnippetViewSet):
    model = AreaMembership
    icon = "user"
    menu_label = _lazy("Iscrizioni alle aree")
    list_display = [
        Column("user", label=_lazy("Persona")),
        "area",
        "role",
        "state",
        Column("created_at", label=_lazy("Dal"), sort_key="created_at"),
    ]
    filterset_class = MembershipFilterSet
    search_backend_name = None
    search_fields = ["user__first_name", "user__last_name", "user__email", "area__name"]
    ordering = ["area__name", "role", "created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    inspect_view_fields = [
        "area",
        "user",
        "role",
        "state",
        "message",
        "invited_by",
        "decided_by",
        "decided_at",
        "created_at",
    ]


class CommunitiesViewSetGroup(SnippetViewSetGroup):
    items = (AreaViewSet, MembershipViewSet)
    menu_icon = "group"
    menu_label = _lazy("Comunità")
    menu_name = "communities"
    menu_order = 250
