from django.urls import path

from oneworkforce.recruitment.views import candidate, staff

app_name = "recruitment"

urlpatterns = [
    # Public pages and the candidate's own pages.
    path("join/", candidate.join, name="join"),
    path("join/register/", candidate.register, name="register"),
    path("join/registered/", candidate.registered, name="registered"),
    path("join/sign-in/", candidate.sign_in, name="sign-in"),
    path("join/sign-in/email/", candidate.sign_in_email, name="sign-in-email"),
    path("join/sign-in/link/<str:token>/", candidate.sign_in_link, name="sign-in-link"),
    path("join/sign-out/", candidate.sign_out, name="sign-out"),
    path("join/profile/", candidate.profile, name="profile"),
    path("join/profile/edit/", candidate.profile_edit, name="profile-edit"),
    path("join/consent/", candidate.consent, name="consent"),
    path("join/consent/withdraw/", candidate.consent_withdraw, name="consent-withdraw"),
    path("join/equality/", candidate.equality, name="equality"),
    path("join/my-data/", candidate.my_data, name="my-data"),
    path("join/my-data/download/", candidate.my_data_download, name="my-data-download"),
    path("join/my-data/delete/", candidate.erasure_request, name="erasure-request"),
    # Staff pages.
    path("candidates/", staff.candidate_list, name="candidate-list"),
    path("candidates/register/", staff.candidate_register, name="candidate-register"),
    path("candidates/statistics/", staff.statistics, name="statistics"),
    path("candidates/duplicates/", staff.duplicate_list, name="duplicate-list"),
    path("candidates/duplicates/<int:pk>/merge/", staff.duplicate_merge, name="duplicate-merge"),
    path(
        "candidates/duplicates/<int:pk>/keep-apart/",
        staff.duplicate_keep_apart,
        name="duplicate-keep-apart",
    ),
    path("candidates/erasure-requests/", staff.erasure_list, name="erasure-list"),
    path(
        "candidates/erasure-requests/<int:pk>/confirm/",
        staff.erasure_confirm,
        name="erasure-confirm",
    ),
    path("candidates/<int:pk>/", staff.candidate_detail, name="candidate-detail"),
    path("candidates/<int:pk>/edit/", staff.candidate_edit, name="candidate-edit"),
    path("candidates/<int:pk>/consent/", staff.candidate_consent, name="candidate-consent"),
    path(
        "candidates/<int:pk>/consent/withdraw/",
        staff.candidate_consent_withdraw,
        name="candidate-consent-withdraw",
    ),
    path(
        "candidates/<int:pk>/sign-in-code/",
        staff.candidate_sign_in_code,
        name="candidate-sign-in-code",
    ),
    path("candidates/<int:pk>/data/", staff.candidate_data, name="candidate-data"),
    path(
        "candidates/<int:pk>/erasure/",
        staff.candidate_erasure_request,
        name="candidate-erasure-request",
    ),
]
