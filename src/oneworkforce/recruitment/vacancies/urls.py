from django.urls import path

from oneworkforce.recruitment.vacancies import views

app_name = "vacancies"

urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("post/", views.vacancy_post, name="post"),
    path("<int:pk>/", views.vacancy_detail, name="detail"),
    path("<int:pk>/edit/", views.vacancy_edit, name="edit"),
    path("<int:pk>/status/", views.vacancy_status, name="status"),
    path("<int:pk>/shortlist/", views.vacancy_shortlist, name="shortlist"),
    path("campaigns/", views.campaign_list, name="campaign-list"),
    path("campaigns/new/", views.campaign_create, name="campaign-create"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="campaign-detail"),
]
