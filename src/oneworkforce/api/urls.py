from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from oneworkforce.api import views
from oneworkforce.intelligence import api as intelligence_api
from oneworkforce.intelligence.planning import api as planning_api
from oneworkforce.recruitment import api as recruitment_api
from oneworkforce.recruitment.assessment import api as assessment_api
from oneworkforce.recruitment.pipeline import api as pipeline_api
from oneworkforce.recruitment.vacancies import api as vacancies_api

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("sites", views.SiteViewSet, basename="site")
router.register(
    "workforce-returns", intelligence_api.WorkforceReturnViewSet, basename="workforce-return"
)
router.register("scenarios", planning_api.ScenarioViewSet, basename="scenario")
router.register("vacancies", vacancies_api.VacancyViewSet, basename="vacancy")
router.register("assessment-attempts", assessment_api.AttemptViewSet, basename="assessment-attempt")
router.register(
    "assessment-bank-versions",
    assessment_api.BankVersionViewSet,
    basename="assessment-bank-version",
)
router.register("candidates", recruitment_api.CandidateViewSet, basename="candidate")
router.register("applications", pipeline_api.ApplicationViewSet, basename="application")
router.register("placements", pipeline_api.PlacementViewSet, basename="placement")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("postcodes/distance/", views.postcode_distance, name="postcode-distance"),
    path("workforce-metrics/", intelligence_api.workforce_metrics, name="workforce-metrics"),
    path("projections/", planning_api.projections, name="projections"),
    path("postcodes/<str:postcode>/", views.postcode_detail, name="postcode-detail"),
    path("", include(router.urls)),
]
