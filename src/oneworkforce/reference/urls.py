from django.urls import path

from oneworkforce.reference import views

app_name = "reference"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:name>/", views.reference_list, name="list"),
]
