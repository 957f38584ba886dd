from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "oneworkforce.intelligence"
    label = "intelligence"
    verbose_name = "Workforce intelligence"
