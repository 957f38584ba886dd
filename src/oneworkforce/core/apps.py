from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "oneworkforce.core"
    label = "core"
