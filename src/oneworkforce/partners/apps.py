from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "oneworkforce.partners"
    label = "partners"

    def ready(self) -> None:
        # Registers this app's background job kinds.
        from oneworkforce.partners import tasks  # noqa: F401
