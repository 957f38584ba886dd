from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "oneworkforce.web"
    label = "web"
