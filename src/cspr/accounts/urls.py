from django.urls import path

from cspr.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.SignedOutView.as_view(), name="signed-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path("two-factor/", views.TwoFactorAccountView.as_view(), name="two-factor"),
    path("two-factor/set-up/", views.TwoFactorSetUpView.as_view(), name="two-factor-set-up"),
    path("two-factor/code/", views.SecurityCodeView.as_view(), name="two-factor-verify"),
    path(
        "two-factor/recovery-code/",
        views.RecoveryCodeSignInView.as_view(),
        name="two-factor-recovery",
    ),
    path("two-factor/recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery-codes"),
    path(
        "two-factor/recovery-codes/new/",
        views.RecoveryCodesReplaceView.as_view(),
        name="recovery-codes-new",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
