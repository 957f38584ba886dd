from django.urls import path

from oneworkforce.recruitment.assessment import views

app_name = "assessment"

urlpatterns = [
    # The candidate's own pages, beside the rest of theirs under join/.
    path("join/assessment/", views.start, name="start"),
    path("join/assessment/questions/<slug:key>/", views.question, name="question"),
    path("join/assessment/check/", views.check, name="check"),
    path("join/assessment/results/<int:pk>/", views.result, name="result"),
    # Advisers' pages.
    path("assessments/", views.attempt_list, name="attempt-list"),
    path("assessments/<int:pk>/", views.attempt_detail, name="attempt-detail"),
    path("assessments/bank/", views.bank_list, name="bank-list"),
    path("assessments/bank/<int:number>/", views.bank_detail, name="bank-detail"),
    path(
        "assessments/bank/<int:number>/questions/add/",
        views.bank_question_add,
        name="bank-question-add",
    ),
    path(
        "assessments/bank/<int:number>/questions/<slug:key>/",
        views.bank_question_edit,
        name="bank-question-edit",
    ),
    path(
        "assessments/bank/<int:number>/questions/<slug:key>/remove/",
        views.bank_question_remove,
        name="bank-question-remove",
    ),
    path(
        "assessments/bank/<int:number>/scoring/",
        views.bank_thresholds,
        name="bank-thresholds",
    ),
    path("assessments/bank/<int:number>/file/", views.bank_document, name="bank-document"),
    path(
        "assessments/bank/<int:number>/file/upload/",
        views.bank_document_upload,
        name="bank-document-upload",
    ),
    path("assessments/bank/<int:number>/publish/", views.bank_publish, name="bank-publish"),
    path("assessments/bank/<int:number>/discard/", views.bank_discard, name="bank-discard"),
]
