from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("regioni.geojson", views.regions_geojson, name="regions_geojson"),
    path("province.geojson", views.provinces_geojson, name="provinces_geojson"),
    path("comuni.geojson", views.municipalities_geojson, name="municipalities_geojson"),
    path("comuni/cerca/", views.municipality_search, name="municipality_search"),
]
