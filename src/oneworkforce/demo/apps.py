from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "oneworkforce.demo"
    label = "demo"
