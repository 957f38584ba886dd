from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from oneworkforce.partners.views import accounts, agreements, audit, organisations, outbox, tokens

app_name = "partners"

urlpatterns = [
    path("sign-in/", accounts.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path(
        "account/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="partners/password_reset.html",
            email_template_name="partners/email/password_reset.txt",
            subject_template_name="partners/email/password_reset_subject.txt",
            success_url=reverse_lazy("partners:password-reset-sent"),
        ),
        name="password-reset",
    ),
    path(
        "account/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="partners/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="partners/password_reset_confirm.html",
            success_url=reverse_lazy("partners:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "account/reset-complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="partners/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("account/two-factor/set-up/", accounts.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/", accounts.two_factor_verify, name="two-factor-verify"),
    path("invitations/<str:token>/", accounts.accept_invitation, name="accept-invitation"),
    path("partners/", organisations.organisation_list, name="organisation-list"),
    path("partners/new/", organisations.organisation_create, name="organisation-create"),
    path("partners/<int:pk>/", organisations.organisation_detail, name="organisation-detail"),
    path("partners/<int:pk>/edit/", organisations.organisation_edit, name="organisation-edit"),
    path("partners/<int:pk>/sites/new/", organisations.site_create, name="site-create"),
    path("partners/<int:pk>/invite/", organisations.invitation_create, name="invitation-create"),
    path("invitations/<int:pk>/cancel/", organisations.invitation_cancel, name="invitation-cancel"),
    path("memberships/<int:pk>/end/", organisations.membership_end, name="membership-end"),
    path("people/<int:pk>/", organisations.user_detail, name="user-detail"),
    path("people/<int:pk>/deactivate/", organisations.user_deactivate, name="user-deactivate"),
    path("people/<int:pk>/reactivate/", organisations.user_reactivate, name="user-reactivate"),
    path("data-sharing/", agreements.agreement_list, name="agreement-list"),
    path("data-sharing/new/", agreements.agreement_create, name="agreement-create"),
    path("data-sharing/<int:pk>/end/", agreements.agreement_end, name="agreement-end"),
    path("audit/", audit.audit_log, name="audit-log"),
    path("audit/export/", audit.audit_export, name="audit-export"),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/", outbox.outbox_message, name="outbox-message"),
    path("api-tokens/", tokens.token_list, name="token-list"),
    path("api-tokens/new/", tokens.token_create, name="token-create"),
    path("api-tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
]
