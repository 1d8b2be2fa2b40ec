from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from rollcall.api.routes import api

admin.autodiscover()  # the admin app is set up without it (config/settings.py, INSTALLED_APPS)

urlpatterns = [
    # JSON API: one address whatever the reader's language
    path("api/v1/", api.urls),
    # Staff. The admin's own login page would skip the site's (and its second step).
    path("admin/login/", RedirectView.as_view(pattern_name="web:login", query_string=True)),
    path("admin/", admin.site.urls),
    # Public site: English at /, Belarusian at /be/, Russian at /ru/ (docs/site.md, "Languages")
    *i18n_patterns(path("", include("rollcall.web.urls")), prefix_default_language=False),
]
