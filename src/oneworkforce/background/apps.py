from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "oneworkforce.background"
    label = "background"
    verbose_name = "Background work"
