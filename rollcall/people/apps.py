from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rollcall.people"
    verbose_name = "People"
