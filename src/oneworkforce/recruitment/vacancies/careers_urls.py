from django.urls import path

from oneworkforce.recruitment.vacancies import careers

app_name = "careers"

urlpatterns = [
    path("", careers.search, name="search"),
    path("my-matches/", careers.my_matches, name="my-matches"),
    path("vacancies.json", careers.feed, name="feed"),
    path("jobs/<int:pk>/", careers.vacancy, name="vacancy"),
    path("campaigns/<slug:slug>/", careers.campaign, name="campaign"),
]
