from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from civichub.api import api
from civichub.core import views as core_views
from civichub.experiences.sitemaps import ExperienceSitemap

urlpatterns = [
    path("", include("civichub.core.urls")),
    path("api/v1/", api.urls),
    # Staff sign in through the site's login (rate limits, two-factor), never
    # through Wagtail's password-only form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documenti/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "experiences": ExperienceSitemap}},
        name="sitemap",
    ),
    path("esperienze/", include("civichub.experiences.urls")),
    path("strumenti/", include("civichub.library.urls")),
    path("comunita/", include("civichub.communities.urls")),
    path("eventi/", include("civichub.events.urls")),
    path("moderazione/", include("civichub.moderation.urls")),
    path("notifiche/", include("civichub.notifications.urls")),
    path("newsletter/", include("civichub.newsletter.urls")),
    path("cerca/", include("civichub.search.urls")),
    path("organizzazioni/", include("civichub.organisations.urls")),
    path("territori/", include("civichub.territories.urls")),
    path("", include("civichub.accounts.urls")),
]

# Uploaded media behind the app server for the embedded set-up; a production proxy
# serves /media/ itself (docs/operations.md). Documents are excluded: /documenti/
# serves them after checking their privacy settings; so are the working areas' shared
# files, streamed by communities' download view after checking the area; and the
# courses' CVs and submissions, streamed by the course pages to their author and team.
urlpatterns += [
    re_path(
        r"^media/(?P<path>(?!documents/|communities/|courses/).+)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
]

# Wagtail's page tree takes every path not matched above.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = "django.views.defaults.server_error"
