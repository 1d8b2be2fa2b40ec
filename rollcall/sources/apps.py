from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "rollcall.sources"
    verbose_name = "Sources and citations"
