from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "oneworkforce.recruitment.assessment"
    label = "assessment"
    verbose_name = "Pre-employment assessment"

    def ready(self) -> None:
        # Attempts and advisers' notes are a candidate's personal data: the one registry that
        # drives the subject-access download and the erasure must know them.
        from django.utils.translation import gettext_lazy as _

        from oneworkforce.recruitment import personal_data
        from oneworkforce.recruitment.assessment.models import AdviserNote, Attempt

        personal_data.register(Attempt, label=_("Your assessments"))
        personal_data.register(
            AdviserNote,
            label=_("Advisers' notes on your assessments"),
            candidate_fields=("attempt__candidate",),
        )
