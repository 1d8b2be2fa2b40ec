from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from rollcall.web import (
    collective,
    duplicates,
    feeds,
    imports,
    letters,
    login,
    people,
    review,
    staff,
    stats_views,
    views,
)

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    # People and collective events (a path without its slash is redirected to it: APPEND_SLASH)
    path("people/", people.people, name="people"),
    path("people.csv", people.people_csv, name="people-csv"),
    path("people/<str:person_id>/", people.person, name="person"),
    path("collective/", collective.collective_list, name="collective-list"),
    path("collective/<int:collective_id>/", collective.collective, name="collective"),
    # For letter-writing campaigns: where to write, birthdays, releases due
    path("letters/", letters.letters, name="letters"),
    # Figures over time, and each chart's table as CSV
    path("stats/", stats_views.stats_page, name="stats"),
    path("stats/<slug:slug>.csv", stats_views.stats_csv, name="stats-csv"),
    # For feed readers and search engines: only what a visitor may read
    path("feed.atom", feeds.EventsFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": feeds.SITEMAPS}, name="sitemap"),
    path("robots.txt", feeds.robots, name="robots"),
    # Staff: logging in, and reviewing what articles report
    path("login/", login.login, name="login"),
    path("login/code/", login.login_code, name="login-code"),
    path("login/two-factor/", login.enrol, name="enrol"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("review/", review.articles, name="review"),
    path("review/<int:source_id>/", review.article, name="review-article"),
    path("review/proposals/<str:uid>/", review.decide, name="review-decide"),
    # Staff: records the public does not see, a person in full with their history, publishing
    path("staff/people/", staff.people, name="staff-people"),
    path("staff/people/<str:uid>/", staff.person, name="staff-person"),
    path("staff/people/<str:uid>/publication/", staff.publication, name="staff-publication"),
    # Staff: people imports held as likely duplicates, side by side; merge, keep apart, undo
    path("staff/duplicates/", duplicates.duplicates, name="staff-duplicates"),
    path("staff/duplicates/<int:flag_id>/", duplicates.duplicate, name="staff-duplicate"),
    path(
        "staff/duplicates/<int:flag_id>/decision/",
        duplicates.decide,
        name="staff-duplicate-decide",
    ),
    path(
        "staff/duplicates/merges/<int:merge_id>/undo/",
        duplicates.undo_merge,
        name="staff-duplicate-undo",
    ),
    # Staff: each run of `rollcall import` and its report
    path("staff/imports/", imports.imports, name="staff-imports"),
    path("staff/imports/<int:run_id>/", imports.import_run, name="staff-import"),
]
