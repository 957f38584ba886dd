from django.urls import path

from oneworkforce.intelligence.views import dashboard, returns

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
]
