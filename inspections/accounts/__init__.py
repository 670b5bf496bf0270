"""Signing in: passwords with a second factor, single sign-on with OpenID Connect, lockout, and the
limits on sessions. Who may do what once signed in stays in inspections/core/permissions.py."""
