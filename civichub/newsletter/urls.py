from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("controlla-la-posta/", views.check_inbox, name="check_inbox"),
    path("conferma/<str:token>/", views.confirm, name="confirm"),
    path("disiscrizione/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("numeri/", views.archive, name="archive"),
    path("numeri/<str:period>/", views.issue_detail, name="issue"),
]
