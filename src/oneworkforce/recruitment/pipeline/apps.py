from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "oneworkforce.recruitment.pipeline"
    label = "pipeline"
    verbose_name = "Applications, checks, retention and placements"

    def ready(self) -> None:
        # Applications, their checks and placement choices are a candidate's personal data:
        # the registry that drives the subject-access download and the erasure must know them.
        from django.utils.translation import gettext_lazy as _

        from oneworkforce.recruitment import personal_data
        from oneworkforce.recruitment.pipeline import models

        personal_data.register(models.Application, label=_("Your applications"))
        personal_data.register(
            models.StageChange,
            label=_("The steps of your applications"),
            candidate_fields=("application__candidate",),
        )
        personal_data.register(
            models.EmploymentCheck,
            label=_("Your pre-employment checks"),
            candidate_fields=("application__candidate",),
        )
        personal_data.register(
            models.RetentionPrompt,
            label=_("Reminders to your employer to check in with you"),
            candidate_fields=("application__candidate",),
        )
        personal_data.register(models.PlacementChoice, label=_("Work placements you chose"))
        personal_data.register(models.PlacedCandidate, label=_("Work placements you were given"))
        # Applications to a joint campaign linked to an initiative count in the board's
        # programme statistics (issue 9): the pipeline registers itself as a step source.
        from oneworkforce.intelligence.planning import steps
        from oneworkforce.recruitment.pipeline.programme_steps import CampaignApplications

        steps.register_step_source(CampaignApplications())
