from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rollcall.people"
    verbose_name = "People"

    def ready(self) -> None:
        from rollcall.people import name_signal

        name_signal.connect()
