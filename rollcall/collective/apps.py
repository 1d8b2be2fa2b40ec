from django.apps import AppConfig


class CollectiveConfig(AppConfig):
    name = "rollcall.collective"
    verbose_name = "Collective events, agreements and estimates"
