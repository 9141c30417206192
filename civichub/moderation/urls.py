from django.urls import path, register_converter

from . import views


class LabelConverter:
    """``app_label.model``: the kind of a moderatable target."""

    regex = r"[a-z_]+\.[a-z_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LabelConverter, "label")

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("conteggio/", views.badge, name="badge"),
    path("contenuto/<label:label>/<int:object_id>/", views.target, name="target"),
    path("contenuto/<label:label>/<int:object_id>/<slug:action>/", views.act, name="act"),
    path("segnalazioni/<int:pk>/archivia/", views.dismiss, name="dismiss"),
    path("segnala/<label:label>/<int:object_id>/", views.report, name="report"),
    path("sospensioni/", views.suspensions, name="suspensions"),
    path("sospensioni/<str:public_id>/sospendi/", views.suspend, name="suspend"),
    path("sospensioni/<str:public_id>/revoca/", views.unsuspend, name="unsuspend"),
]
