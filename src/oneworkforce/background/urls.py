from django.urls import path

from oneworkforce.background import views

app_name = "background"

urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="job-detail"),
    path("<uuid:pk>/result/", views.job_result, name="job-result"),
]
