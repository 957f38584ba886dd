from django.urls import include, path

urlpatterns = [
    path("", include("oneworkforce.web.urls")),
    path("", include("oneworkforce.partners.urls")),
    path("reference/", include("oneworkforce.reference.urls")),
    path("jobs/", include("oneworkforce.background.urls")),
    path("workforce/", include("oneworkforce.intelligence.urls")),
    path("vacancies/", include("oneworkforce.recruitment.vacancies.urls")),
    path("careers/", include("oneworkforce.recruitment.vacancies.careers_urls")),
    path("", include("oneworkforce.recruitment.urls")),
    path("", include("oneworkforce.recruitment.assessment.urls")),
    path("", include("oneworkforce.recruitment.pipeline.urls")),
    path("api/", include("oneworkforce.api.urls")),
    # Django's set_language view: the language switcher posts here (docs/decisions/0085).
    path("i18n/", include("django.conf.urls.i18n")),
]

handler403 = "oneworkforce.web.views.error_403"
handler404 = "oneworkforce.web.views.error_404"
handler500 = "oneworkforce.web.views.error_500"
