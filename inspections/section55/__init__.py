"""Section 55 responses (Police Act 1996, s55): the PCC's published response to an HMICFRS report.

clock.py (the 56 days: deadline, day N, state; read by the model, pages, templates, letter and
reminders) → services.py (draft, final, sent, published; writes) → parts.py and letter.py (the
letter's content, generated from the tracked findings, and its HTML for the renderer) → forms.py and
views.py (the page at /inspections/<id>/section55/).
"""
