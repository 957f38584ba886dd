from django.urls import path

from oneworkforce.web import views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("about/", views.about, name="about"),
]
