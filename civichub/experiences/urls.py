from django.urls import path

from .views import catalogue, detail, editing, review

app_name = "experiences"

# The fixed paths below are reserved: services.RESERVED_SLUGS keeps slugs off them.
urlpatterns = [
    path("", catalogue.experience_list, name="list"),
    path("mappa/", catalogue.experience_map, name="map"),
    path("mappa/regioni.json", catalogue.map_region_counts, name="map_counts"),
    path("mappa/punti.geojson", catalogue.map_markers, name="map_markers"),
    path("esporta.<str:fmt>", catalogue.experience_export, name="export"),
    path("nuova/", editing.experience_create, name="create"),
    path("mie/", editing.my_experiences, name="mine"),
    path("seguite/", detail.followed_experiences, name="followed"),
    path("revisione/", review.review_queue_page, name="review_queue"),
    path("<slug:slug>/", detail.experience_detail, name="detail"),
    path("<slug:slug>/modifica/", editing.experience_edit, name="edit"),
    path("<slug:slug>/modifica/<slug:step>/", editing.experience_edit, name="edit_step"),
    path("<slug:slug>/invia/", editing.experience_submit, name="submit"),
    path("<slug:slug>/ritira/", editing.experience_withdraw, name="withdraw"),
    path("<slug:slug>/elimina/", editing.experience_delete, name="delete"),
    path("<slug:slug>/replica/", editing.experience_replicate, name="replicate"),
    path("<slug:slug>/coautori/", editing.experience_coauthors, name="coauthors"),
    path("<slug:slug>/coautori/accetta/", editing.coauthor_accept, name="coauthor_accept"),
    path("<slug:slug>/revisione/", review.experience_review, name="review"),
    path("<slug:slug>/punto.geojson", detail.experience_point, name="point"),
    path("<slug:slug>/utile/", detail.experience_feedback, name="feedback"),
    path("<slug:slug>/segui/", detail.experience_follow, name="follow"),
]
