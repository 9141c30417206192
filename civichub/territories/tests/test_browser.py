"""The comune picker and the map component in Chromium: keyboard, no-JS fallback,
axe, CSP. They are mounted on a page of this module's own URLconf."""

import re
from collections.abc import Iterator

import pytest
from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import path
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from civichub.territories.forms import MunicipalityField
from civichub.territories.models import Municipality
from civichub.territories.services import territories_load
from civichub.urls import urlpatterns as site_urlpatterns
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.conftest import CSP_LISTENER, TIMEOUT_MS, BrowserProblems, launch_chromium

pytestmark = pytest.mark.e2e

# Template tags cannot span lines: the two maps are spelled out here.
REGIONS_MAP = (
    '{% include "territories/components/map.html" with geojson_url=regions '
    'label="Mappa delle regioni" description="Le regioni caricate." '
    'data_url="/api/v1/territories/regions" size="sm" %}'
)
PROVINCES_MAP = (
    '{% include "territories/components/map.html" with geojson_url=provinces '
    'counts_url="/prova-territori/conteggi.json" label="Esperienze per provincia" '
    'legend_title="Esperienze" %}'
)
PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% block title %}Prova{% endblock %}
{% block content %}<div class="container my-4">
  <h1>Prova dei componenti territoriali</h1>
  {% if chosen %}<p id="chosen">Scelto: {{ chosen.label }}</p>{% endif %}
  <form method="post" novalidate>{% csrf_token %}{{ form }}
    <button class="btn btn-primary" type="submit">Invia</button>
  </form>
  <h2>Regioni</h2>
  {% url 'territories:regions_geojson' as regions %}"""
    + REGIONS_MAP
    + """
  <h2>Esperienze per provincia</h2>
  {% url 'territories:provinces_geojson' as provinces %}"""
    + PROVINCES_MAP
    + """
</div>{% endblock %}"""
)


class PlaceForm(forms.Form):
    comune = MunicipalityField(label="Comune")


def components(request: HttpRequest) -> HttpResponse:
    form = PlaceForm(request.POST or None)
    chosen = form.cleaned_data["comune"] if form.is_valid() else None
    return HttpResponse(PAGE.render({"form": form, "chosen": chosen}, request))


def counts(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"041": 1, "042": 3, "043": 7, "044": 12, "109": 30})


urlpatterns = [
    path("prova-territori/", components),
    path("prova-territori/conteggi.json", counts),
    *site_urlpatterns,
]


@pytest.fixture
def marche(transactional_db: None, django_db_serialized_rollback: None, settings) -> None:
    settings.ROOT_URLCONF = __name__
    territories_load(regions=["11"])


def open_page(live_server: LiveServer, problems: BrowserProblems, **options) -> Iterator[Page]:
    with launch_chromium() as browser:
        context = browser.new_context(base_url=live_server.url, locale="it-IT", **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.expose_function("reportCspViolation", problems.on_csp_violation)
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("console", problems.on_console)
        page.on("pageerror", problems.on_page_error)
        page.goto("/prova-territori/")
        yield page


@pytest.fixture
def problems() -> BrowserProblems:
    return BrowserProblems()


@pytest.fixture
def page(marche: None, live_server: LiveServer, problems: BrowserProblems) -> Iterator[Page]:
    yield from open_page(live_server, problems)


@pytest.fixture
def page_without_js(marche: None, live_server: LiveServer, problems: BrowserProblems):
    yield from open_page(live_server, problems, java_script_enabled=False)


def test_picker_with_the_keyboard(page: Page, problems: BrowserProblems) -> None:
    combobox = page.get_by_role("combobox", name="Comune")
    hidden = page.locator("input[type=hidden][name=comune]")
    ascoli = Municipality.objects.get(istat_code="044007")

    combobox.press_sequentially("ascol")
    option = page.get_by_role("option", name=re.compile("Ascoli Piceno"))
    expect(option).to_be_visible()
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="comune trovato")).to_be_attached()
    assert_no_axe_violations(page)

    combobox.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(combobox).to_have_attribute("aria-activedescendant", f"id_comune_listbox-{ascoli.pk}")
    combobox.press("Enter")
    expect(combobox).to_have_value("Ascoli Piceno (AP)")
    expect(hidden).to_have_value(str(ascoli.pk))
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox")).to_be_hidden()

    # Typing again drops the choice; Escape closes the list, then clears the text.
    combobox.press_sequentially(" x")
    expect(hidden).to_have_value("")
    combobox.fill("")
    combobox.press_sequentially("fer")
    expect(page.get_by_role("option").first).to_be_visible()
    combobox.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    combobox.press("Escape")
    expect(combobox).to_have_value("")

    combobox.press_sequentially("Ferm")
    page.get_by_role("option", name=re.compile("^Fermo")).click()
    page.get_by_role("button", name="Invia").click()
    expect(page.locator("#chosen")).to_have_text("Scelto: Fermo (FM)")
    problems.assert_none(page)


def test_maps_draw_the_hubs_geojson(page: Page, problems: BrowserProblems) -> None:
    regions = page.get_by_role("region", name="Mappa delle regioni")
    expect(regions.locator("path.territory-map__area")).to_have_count(1)
    expect(regions).to_have_attribute("tabindex", "0")
    expect(page.get_by_role("link", name="Gli stessi dati in forma di elenco")).to_be_visible()

    provinces = page.get_by_role("region", name="Esperienze per provincia")
    expect(provinces.locator("path.territory-map__shape")).to_have_count(5)
    expect(provinces.locator(".territory-map__legend")).to_contain_text("Esperienze")
    expect(provinces.locator(".territory-map__legend li")).to_have_count(5)
    expect(provinces.locator("path.territory-map__class-4")).to_have_count(1)
    expect(provinces.locator(".leaflet-control-attribution")).to_contain_text("ISTAT")
    assert_no_axe_violations(page)
    problems.assert_none(page)


def test_picker_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    field = page.get_by_label("Comune")

    field.fill("Ascoli")
    page.get_by_role("button", name="Invia").click()
    expect(page.locator("#id_comune_error")).to_contain_text("Forse cercavi: Ascoli Piceno (AP)")
    expect(page.get_by_label("Comune")).to_have_value("Ascoli")

    page.get_by_label("Comune").fill("Ascoli Piceno")
    page.get_by_role("button", name="Invia").click()
    expect(page.locator("#chosen")).to_have_text("Scelto: Ascoli Piceno (AP)")
