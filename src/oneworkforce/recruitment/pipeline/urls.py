from django.urls import path

from oneworkforce.recruitment.pipeline import views

app_name = "pipeline"

urlpatterns = [
    # The candidate's own pages.
    path("join/applications/", views.my_applications, name="my-applications"),
    path("join/applications/<int:pk>/", views.my_application, name="my-application"),
    path("join/apply/<int:vacancy_pk>/", views.apply, name="apply"),
    path("join/placements/", views.my_placements, name="my-placements"),
    # Staff pages.
    path(
        "pipeline/vacancies/<int:pk>/applications/",
        views.vacancy_applications,
        name="vacancy-applications",
    ),
    path("pipeline/applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("pipeline/retention/", views.retention, name="retention"),
    path("pipeline/statistics/", views.pipeline_statistics, name="statistics"),
    path("pipeline/statistics.csv", views.pipeline_statistics_csv, name="statistics-csv"),
    path("pipeline/placements/", views.placement_list, name="placement-list"),
    path("pipeline/placements/offer/", views.placement_offer, name="placement-offer"),
    path("pipeline/placements/allocation/", views.allocation_list, name="allocation-list"),
    path(
        "pipeline/placements/allocation/<int:pk>/",
        views.allocation_detail,
        name="allocation-detail",
    ),
    path(
        "pipeline/placements/allocation/<int:pk>/confirm/",
        views.allocation_confirm,
        name="allocation-confirm",
    ),
]
