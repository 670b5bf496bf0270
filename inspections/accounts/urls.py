"""/accounts/: signing in and out, second factors, single sign-on, sessions and lockouts."""

from django.contrib.auth import views as auth_views
from django.urls import path

from inspections.accounts import forms, oidc, views

urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("login/code/", views.sign_in_code, name="sign_in_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", views.security, name="security"),
    path("security/authenticator/", views.enrol, name="mfa_enrol"),
    path("sessions/", views.your_sessions, name="your_sessions"),
    path("locked/", views.locked_accounts, name="locked_accounts"),
    path("password_change/", auth_views.PasswordChangeView.as_view(form_class=forms.ChangePasswordForm),
         name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Single sign-on (OpenID Connect): register https://<host>/accounts/sso/callback/ as the redirect URI.
    path("sso/start/", oidc.SignInWithProvider.as_view(), name="oidc_authentication_init"),
    path("sso/callback/", oidc.ProviderCallback.as_view(), name="oidc_authentication_callback"),
    path("sso/refused/", views.sso_refused, name="sso_refused"),
]
