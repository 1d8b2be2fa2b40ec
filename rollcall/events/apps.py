from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "rollcall.events"
    verbose_name = "Events and cases"
