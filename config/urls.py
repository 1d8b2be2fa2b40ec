from django.contrib import admin
from django.urls import include, path

from rollcall.api.routes import api

urlpatterns = [
    # Public site
    path("", include("rollcall.web.urls")),
    # JSON API
    path("api/v1/", api.urls),
    # Staff
    path("admin/", admin.site.urls),
]
