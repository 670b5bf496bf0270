"""Shared vocabulary of the tracker, used by every capability."""
