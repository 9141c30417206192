from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("lette/", views.mark_read, name="mark_read"),
    path("seguiti/", views.followed_list, name="followed"),
    path("segui/<int:content_type_id>/<int:object_id>/", views.follow_toggle, name="follow"),
    path("disiscrivi/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
