"""Included at the site root: this app's pages (namespace ``accounts``) and allauth's
(un-namespaced, as allauth expects) under /accounts/; public profiles under /persone/."""

from django.urls import URLPattern, URLResolver, include, path

from . import views

account_patterns: list[URLPattern | URLResolver] = [
    path("adesione/", views.membership, name="membership"),
    path("profilo/", views.profile_self, name="profile_self"),
    path("impostazioni/", views.settings_profile, name="settings"),
    path("impostazioni/lingua/", views.settings_language, name="language"),
    path("impostazioni/notifiche/", views.settings_notifications, name="notifications"),
    path("impostazioni/token/", views.settings_tokens, name="tokens"),
    path("impostazioni/token/<int:pk>/revoca/", views.token_revoke, name="token_revoke"),
    path("impostazioni/privacy/", views.settings_privacy, name="privacy"),
    path("impostazioni/privacy/esporta/", views.privacy_export, name="export"),
    path("impostazioni/privacy/elimina/", views.privacy_delete, name="delete"),
    path("contributori/richiesta/", views.contributor_request, name="contributor_request"),
    path(
        "contributori/proponi/<str:public_id>/",
        views.contributor_propose,
        name="contributor_propose",
    ),
    path("contributori/richieste/", views.contributor_queue, name="contributor_queue"),
    path("contributori/richieste/<int:pk>/", views.contributor_decide, name="contributor_decide"),
    path("persone/<str:public_id>/ruolo/", views.role_set, name="role"),
]

app_patterns: list[URLPattern | URLResolver] = [
    path("accounts/", include(account_patterns)),
    path("persone/<str:public_id>/", views.profile, name="profile"),
]

urlpatterns = [
    path("", include((app_patterns, "accounts"))),
    path("accounts/", include("allauth.urls")),
]
