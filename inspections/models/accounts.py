"""Who signed in, how and where: single sign-on identities and the sessions a user can see and end."""

from django.conf import settings
from django.db import models


class SignInMethod(models.TextChoices):
    PASSWORD = "password", "Password"
    PASSWORD_AND_CODE = "password_code", "Password and a second factor"
    SINGLE_SIGN_ON = "sso", "Single sign-on"


class SingleSignOnIdentity(models.Model):
    """The identity provider's subject for a user: how a returning single sign-on user is recognised
    (never by email address, which a provider may let users change)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    groups = models.JSONField(default=list, blank=True, help_text="The group claim at the last sign-in.")
    first_signed_in_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "single sign-on identity"
        verbose_name_plural = "single sign-on identities"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")]

    def __str__(self):
        return f"{self.user} at {self.issuer}"


class UserSession(models.Model):
    """One signed-in session of a user (the "your sessions" page); ending it deletes the session itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    method = models.CharField(max_length=20, choices=SignInMethod.choices)
    signed_in_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(method__in=SignInMethod.values), name="user_session_method_valid")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_method_display()} from {self.ip_address or 'an unknown address'}"
