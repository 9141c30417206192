from django.urls import path

from . import health, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("lingua/<str:code>/", views.switch_language, name="switch_language"),
]
