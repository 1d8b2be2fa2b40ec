from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from rollcall.api.routes import api

urlpatterns = [
    # JSON API: one address whatever the reader's language
    path("api/v1/", api.urls),
    # Staff
    path("admin/", admin.site.urls),
    # Public site: English at /, Belarusian at /be/, Russian at /ru/ (docs/site.md, "Languages")
    *i18n_patterns(path("", include("rollcall.web.urls")), prefix_default_language=False),
]
