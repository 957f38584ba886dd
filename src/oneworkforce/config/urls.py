from django.urls import include, path

urlpatterns = [
    path("", include("oneworkforce.web.urls")),
    path("", include("oneworkforce.partners.urls")),
    path("reference/", include("oneworkforce.reference.urls")),
    path("jobs/", include("oneworkforce.background.urls")),
    path("workforce/", include("oneworkforce.intelligence.urls")),
    path("", include("oneworkforce.recruitment.urls")),
    path("api/", include("oneworkforce.api.urls")),
]

handler403 = "oneworkforce.web.views.error_403"
handler404 = "oneworkforce.web.views.error_404"
handler500 = "oneworkforce.web.views.error_500"
