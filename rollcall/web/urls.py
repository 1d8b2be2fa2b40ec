from django.urls import path

from rollcall.web import collective, people, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    # People and collective events (a path without its slash is redirected to it: APPEND_SLASH)
    path("people/", people.people, name="people"),
    path("people.csv", people.people_csv, name="people-csv"),
    path("people/<str:person_id>/", people.person, name="person"),
    path("collective/", collective.collective_list, name="collective-list"),
    path("collective/<int:collective_id>/", collective.collective, name="collective"),
]
