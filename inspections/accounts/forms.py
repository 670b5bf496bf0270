"""The forms of signing in and of a user's own security settings."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from inspections.core.forms import TrackerFormMixin


class SignInForm(TrackerFormMixin, AuthenticationForm):
    """User name and password. The request goes to authenticate(), so django-axes sees every attempt."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }


class ChangePasswordForm(TrackerFormMixin, PasswordChangeForm):
    """Django's password change, styled and checked like every other form of the tracker."""


class CodeForm(TrackerFormMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True,
                                      "spellcheck": "false", "class": "input input--short"}),
    )


class EnrolForm(TrackerFormMixin, forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        help_text="6 digits, as the app shows them after you add the tracker.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "class": "input input--short", "spellcheck": "false"}),
    )
