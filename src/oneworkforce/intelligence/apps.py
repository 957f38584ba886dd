from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "oneworkforce.intelligence"
    label = "intelligence"
    verbose_name = "Workforce intelligence"

    def ready(self) -> None:
        # Registers the return-checking and board report background jobs.
        from oneworkforce.intelligence import services  # noqa: F401
        from oneworkforce.intelligence.reports import tasks  # noqa: F401
