from django.urls import path

from .views import catalogue, manage, registration

app_name = "events"

# The fixed paths below are reserved: services.RESERVED_SLUGS keeps slugs off them.
urlpatterns = [
    path("", catalogue.event_list, name="list"),
    path("calendario/", catalogue.event_calendar, name="calendar"),
    path("calendario.ics", catalogue.event_feed, name="feed"),
    path("nuovo/", manage.event_create, name="create"),
    path("miei/", registration.my_events, name="mine"),
    path("biglietto/<str:code>/", manage.check_in_by_code, name="check_in_code"),
    path("<slug:slug>/", catalogue.event_detail, name="detail"),
    path("<slug:slug>/evento.ics", catalogue.event_ics, name="ics"),
    path("<slug:slug>/iscrizione/", registration.register, name="register"),
    path("<slug:slug>/disdetta/", registration.cancel_registration, name="cancel_registration"),
    path("<slug:slug>/conferma-posto/", registration.confirm_offer, name="confirm_offer"),
    path("<slug:slug>/biglietto/", registration.ticket, name="ticket"),
    path("<slug:slug>/attestato.pdf", registration.certificate, name="certificate"),
    path("<slug:slug>/valutazione/", registration.feedback, name="feedback"),
    path("<slug:slug>/modifica/", manage.event_edit, name="edit"),
    path("<slug:slug>/pubblica/", manage.event_publish, name="publish"),
    path("<slug:slug>/annulla/", manage.event_cancel, name="cancel"),
    path("<slug:slug>/iscritti/", manage.attendees, name="attendees"),
    path("<slug:slug>/iscritti.csv", manage.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/presenze/", manage.check_in, name="check_in"),
    path("<slug:slug>/risultati/", manage.feedback_results, name="feedback_results"),
]
