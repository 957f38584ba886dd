from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "oneworkforce.partners"
    label = "partners"
