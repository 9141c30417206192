from django.urls import path

from .views import catalogue, courses, manage, registration

app_name = "events"

# The fixed paths below are reserved: services.RESERVED_SLUGS keeps slugs off them.
urlpatterns = [
    path("", catalogue.event_list, name="list"),
    path("calendario/", catalogue.event_calendar, name="calendar"),
    path("calendario.ics", catalogue.event_feed, name="feed"),
    path("nuovo/", manage.event_create, name="create"),
    path("miei/", registration.my_events, name="mine"),
    path("biglietto/<str:code>/", manage.check_in_by_code, name="check_in_code"),
    # Courses and cohorts (the "Scuola"): before the events' <slug:slug>/ routes.
    path("percorsi/", courses.course_list, name="courses"),
    path("percorsi/mie/", courses.my_courses, name="my_courses"),
    path("percorsi/<slug:course>/", courses.course_detail, name="course"),
    path("percorsi/<slug:course>/<slug:cohort>/candidatura/", courses.apply, name="apply"),
    path(
        "percorsi/<slug:course>/<slug:cohort>/candidatura/ritira/",
        courses.withdraw_application,
        name="withdraw_application",
    ),
    path("percorsi/<slug:course>/<slug:cohort>/iscrizione/", courses.enrol, name="enrol"),
    path("percorsi/<slug:course>/<slug:cohort>/ritiro/", courses.withdraw, name="withdraw"),
    path("percorsi/<slug:course>/<slug:cohort>/progressi/", courses.progress, name="progress"),
    path(
        "percorsi/<slug:course>/<slug:cohort>/attestato.pdf",
        courses.course_certificate,
        name="course_certificate",
    ),
    path(
        "percorsi/<slug:course>/<slug:cohort>/consegne/<int:assignment>/",
        courses.submit,
        name="submit",
    ),
    path(
        "percorsi/<slug:course>/<slug:cohort>/candidature/",
        courses.applications,
        name="applications",
    ),
    path(
        "percorsi/<slug:course>/<slug:cohort>/candidature/<int:pk>/",
        courses.application,
        name="application",
    ),
    path(
        "percorsi/<slug:course>/<slug:cohort>/candidature/<int:pk>/cv.pdf",
        courses.application_cv,
        name="application_cv",
    ),
    path("percorsi/<slug:course>/<slug:cohort>/iscritti/", courses.enrolments, name="enrolments"),
    path(
        "percorsi/<slug:course>/<slug:cohort>/iscritti/<int:pk>/",
        courses.participant_progress,
        name="participant_progress",
    ),
    path(
        "percorsi/<slug:course>/<slug:cohort>/elaborati/",
        courses.submissions,
        name="submissions",
    ),
    path(
        "percorsi/<slug:course>/<slug:cohort>/elaborati/<int:pk>/file",
        courses.submission_file,
        name="submission_file",
    ),
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
