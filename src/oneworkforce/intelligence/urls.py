from django.urls import path

from oneworkforce.intelligence.views import dashboard, planning, returns

app_name = "intelligence"

urlpatterns = [
    path("returns/", returns.return_list, name="return-list"),
    path("returns/upload/", returns.return_upload, name="return-upload"),
    path("returns/<uuid:pk>/", returns.return_detail, name="return-detail"),
    path("returns/<uuid:pk>/report.csv", returns.return_issues_csv, name="return-issues-csv"),
    path("returns/<uuid:pk>/records/", returns.return_records, name="return-records"),
    path("returns/<uuid:pk>/export.csv", returns.return_export, name="return-export"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:metric_id>.csv", dashboard.dashboard_csv, name="dashboard-csv"),
    path("dashboard/<slug:metric_id>.svg", dashboard.dashboard_chart, name="dashboard-chart"),
    path("benchmarks/<slug:metric_id>.svg", dashboard.benchmark_chart, name="benchmark-chart"),
    path("benchmarks/", dashboard.benchmarks, name="benchmarks"),
    path("formats/", returns.format_list, name="format-list"),
    path("formats/<slug:key>/", returns.format_detail, name="format-detail"),
    path("formats/<slug:key>/template.csv", returns.format_template, name="format-template"),
    path("planning/", planning.projection, name="projection"),
    path("planning/projection.csv", planning.projection_csv, name="projection-csv"),
    path("planning/compare/", planning.compare, name="scenario-compare"),
    path("planning/scenarios/", planning.scenario_list, name="scenario-list"),
    path("planning/scenarios/new/", planning.scenario_create, name="scenario-create"),
    path("planning/scenarios/<int:pk>/", planning.scenario_edit, name="scenario-edit"),
    path("planning/scenarios/<int:pk>/delete/", planning.scenario_delete, name="scenario-delete"),
    path("planning/population/", planning.population_versions, name="population"),
    path(
        "planning/population/illustrative.csv",
        planning.population_illustrative,
        name="population-illustrative",
    ),
    path("planning/programme/", planning.programme_page, name="programme"),
    path(
        "planning/programme/workstreams/new/",
        planning.workstream_create,
        name="workstream-create",
    ),
    path(
        "planning/programme/workstreams/<int:pk>/",
        planning.workstream_detail,
        name="workstream-detail",
    ),
    path(
        "planning/programme/workstreams/<int:pk>/budget/",
        planning.budget_set,
        name="workstream-budget",
    ),
    path(
        "planning/programme/workstreams/<int:pk>/spend/",
        planning.spend_record,
        name="workstream-spend",
    ),
    path(
        "planning/programme/workstreams/<int:pk>/initiatives/new/",
        planning.initiative_create,
        name="initiative-create",
    ),
    path(
        "planning/programme/initiatives/<int:pk>/",
        planning.initiative_detail,
        name="initiative-detail",
    ),
    path(
        "planning/programme/initiatives/<int:pk>/steps/",
        planning.participant_step_record,
        name="initiative-step",
    ),
    path(
        "planning/programme/initiatives/<int:pk>/import/",
        planning.participants_import,
        name="initiative-import",
    ),
    path("planning/board-report/", planning.board_report, name="board-report"),
    path(
        "planning/board-report/<uuid:pk>/",
        planning.board_report_detail,
        name="board-report-detail",
    ),
    path(
        "planning/board-report/<uuid:pk>/figures.zip",
        planning.board_report_pack,
        name="board-report-pack",
    ),
]
