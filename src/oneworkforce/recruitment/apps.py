from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "oneworkforce.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self) -> None:
        # Registers this app's personal-data models with the one registry that drives the
        # subject-access download and erasure.
        from oneworkforce.recruitment import personal_data  # noqa: F401
