from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "oneworkforce.api"
    label = "api"
