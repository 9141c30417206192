from django.urls import path

from .views import catalogue, contribute, engagement

app_name = "library"

# These paths are reserved: models.RESERVED_SLUGS keeps resource slugs off them.
urlpatterns = [
    path("", catalogue.resource_catalogue, name="index"),
    path("proponi/", contribute.resource_propose, name="propose"),
    path("mie/", contribute.my_proposals, name="mine"),
    path("file/<int:pk>/", engagement.file_download, name="download"),
    path("utile/<int:pk>/", engagement.resource_feedback, name="feedback"),
]
