from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "oneworkforce.reference"
    label = "reference"
