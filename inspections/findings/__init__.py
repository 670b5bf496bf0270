"""Findings: causes of concern, recommendations and areas for improvement, and what is decided on them."""
