"""Accessibility: the statement the Public Sector Bodies Accessibility Regulations 2018 require."""
