from django.urls import path

from .feeds import area_feed
from .views import areas, discussions, workspace

app_name = "communities"

# Fixed paths at the top level of /comunita/ are reserved: services.areas.RESERVED_SLUGS
# keeps area slugs off them (add yours there too).
urlpatterns = [
    path("", areas.area_list, name="index"),
    path("promotori/", areas.promoters_workspace, name="promoters_workspace"),
    path("<slug:area>/", areas.area_detail, name="area"),
    path("<slug:area>/membri/", areas.area_members, name="members"),
    path("<slug:area>/gestione/", areas.area_manage, name="manage"),
    path("<slug:area>/gestione/richieste/<int:pk>/", areas.request_decide, name="request_decide"),
    path("<slug:area>/gestione/invita/", areas.member_invite_view, name="invite"),
    path("<slug:area>/gestione/membri/<int:pk>/rimuovi/", areas.member_remove_view, name="remove"),
    path(
        "<slug:area>/gestione/membri/<int:pk>/facilitatore/",
        areas.facilitator_set_view,
        name="facilitator",
    ),
    path("<slug:area>/gestione/benvenuto/", areas.welcome_edit, name="welcome"),
    path("<slug:area>/adesione/", areas.area_join_view, name="join"),
    path("<slug:area>/esci/", areas.area_leave_view, name="leave"),
    path("<slug:area>/invito/", areas.invitation_respond_view, name="invitation"),
    path("<slug:area>/feed/", area_feed, name="feed"),
    # --- discussions ---
    path("<slug:area>/discussioni/", discussions.thread_list, name="threads"),
    path("<slug:area>/nuova/", discussions.thread_create, name="thread_create"),
    path("<slug:area>/menzioni/", discussions.mention_autocomplete, name="mentions"),
    path("<slug:area>/<int:pk>/", discussions.thread_detail, name="thread_short"),
    path("<slug:area>/<int:pk>-<slug:slug>/", discussions.thread_detail, name="thread"),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/rispondi/", discussions.reply_create, name="reply_create"
    ),
    path("<slug:area>/<int:pk>-<slug:slug>/modifica/", discussions.thread_edit, name="thread_edit"),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/versioni/",
        discussions.thread_revisions,
        name="thread_revisions",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/evidenza/",
        discussions.thread_pin_toggle,
        name="thread_pin",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/chiudi/",
        discussions.thread_lock_toggle,
        name="thread_lock",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/sposta/", discussions.thread_move_view, name="thread_move"
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/risposte/<int:reply>/",
        discussions.reply_permalink,
        name="reply",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/risposte/<int:reply>/modifica/",
        discussions.reply_edit,
        name="reply_edit",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/risposte/<int:reply>/versioni/",
        discussions.reply_revisions,
        name="reply_revisions",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/risposte/<int:reply>/utile/",
        discussions.reply_useful,
        name="reply_useful",
    ),
    path(
        "<slug:area>/<int:pk>-<slug:slug>/risposte/<int:reply>/accetta/",
        discussions.answer_toggle,
        name="answer_toggle",
    ),
    # --- workspace ---
    path("<slug:area>/file/", workspace.file_list, name="files"),
    path("<slug:area>/file/<int:pk>/", workspace.file_detail, name="file"),
    path(
        "<slug:area>/file/<int:pk>/scarica/<int:number>/",
        workspace.file_download,
        name="file_download",
    ),
    path("<slug:area>/file/<int:pk>/elimina/", workspace.file_delete_view, name="file_delete"),
    path("<slug:area>/progetti/", workspace.project_list, name="projects"),
    path("<slug:area>/progetti/nuovo/", workspace.project_create_view, name="project_create"),
    path("<slug:area>/progetti/<slug:slug>/", workspace.project_detail, name="project"),
    path("<slug:area>/progetti/<slug:slug>/modifica/", workspace.project_edit, name="project_edit"),
    path(
        "<slug:area>/progetti/<slug:slug>/revisioni/",
        workspace.project_revisions,
        name="project_revisions",
    ),
    path(
        "<slug:area>/progetti/<slug:slug>/commenta/",
        workspace.project_comment,
        name="project_comment",
    ),
]
