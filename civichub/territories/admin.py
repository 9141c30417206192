"""Back office (Wagtail): regions, provinces and comuni, to look up, not to edit.

The data comes from ISTAT through ``load_territories``, which would overwrite any
edit; so staff can list, search, filter and inspect, and nobody can add, change or
delete.
"""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Municipality, Province, Region
from .selectors import municipality_filter

FIELDS = ["istat_code", "name", "slug", "centroid_lat", "centroid_lon"]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Any) -> Any:
        return super().users_with_any_permission([a for a in actions if a == "view"])


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regioni")
    list_display = ["name", "istat_code"]
    search_fields = ["name", "istat_code"]
    ordering = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = FIELDS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Region]:
        return Region.objects.defer("boundary")


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    menu_label = _("Province")
    list_display = ["name", "abbreviation", "istat_code", "kind", "region"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "abbreviation", "istat_code"]
    ordering = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = [*FIELDS, "abbreviation", "kind", "region"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Province]:
        return Province.objects.select_related("region").defer("boundary", "region__boundary")


class MunicipalitySearchForm(BaseFilterForm):
    """The chooser's search (used by other apps' back-office forms to pick a comune):
    Wagtail searches only indexed models, these are plain ones."""

    q = forms.CharField(
        label=_("Cerca"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Nome del comune")}),
    )

    def filter(self, objects: QuerySet[Municipality]) -> QuerySet[Municipality]:
        query = self.cleaned_data.get("q", "")
        if not query.strip():
            return objects
        self.is_searching, self.search_query = True, query
        return municipality_filter(objects, query)


class MunicipalityChooseView(ChooseView):
    filter_form_class = MunicipalitySearchForm


class MunicipalityChooseResultsView(ChooseResultsView):
    filter_form_class = MunicipalitySearchForm


class MunicipalityChooserViewSet(SnippetChooserViewSet):
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    chooser_viewset_class = MunicipalityChooserViewSet
    icon = "site"
    menu_label = _("Comuni")
    list_display = ["name", "istat_code", "province", "region", "population"]
    list_filter = ["region", "province"]
    search_fields = ["name", "istat_code", "cadastral_code"]
    ordering = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = [*FIELDS, "cadastral_code", "population", "province", "region"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        return Municipality.objects.select_related("province", "region").defer(
            "boundary", "province__boundary", "region__boundary"
        )


class TerritoriesViewSetGroup(SnippetViewSetGroup):
    items = (RegionViewSet, ProvinceViewSet, MunicipalityViewSet)
    menu_icon = "site"
    menu_label = _("Territori")
    menu_name = "territories"
