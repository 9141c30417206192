from django.urls import path

from . import views

app_name = "organisations"

# "nuova" and "candidature" are reserved: services.RESERVED_SLUGS keeps slugs off them.
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nuova/", views.organisation_create, name="create"),
    path("candidature/", views.contributor_application_queue_page, name="applications"),
    path(
        "candidature/<int:pk>/decisione/",
        views.contributor_application_decide,
        name="application_decide",
    ),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/modifica/", views.organisation_edit, name="edit"),
    path("<slug:slug>/membri/", views.organisation_members, name="members"),
    path("<slug:slug>/membri/<int:pk>/", views.membership_action, name="membership_action"),
    path("<slug:slug>/aderisci/", views.organisation_join, name="join"),
    path("<slug:slug>/lascia/", views.organisation_leave, name="leave"),
    path("<slug:slug>/candidatura/", views.contributor_application, name="apply"),
    path("<slug:slug>/verifica/", views.organisation_verify, name="verify"),
]
