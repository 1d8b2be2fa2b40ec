from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "rollcall.stats"

    def ready(self) -> None:
        from rollcall.stats.freshness import connect

        connect()
