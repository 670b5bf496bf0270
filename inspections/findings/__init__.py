"""Findings: causes of concern, recommendations and areas for improvement, and the weekly work on them.

services.py (the workflow: status moves, reassignment, target dates, responses; each write locks
the row, checks the version the user read and leaves an audit record) and progress.py (updates with
evidence, proposals, the board's decisions), hmicfrs.py (HMICFRS's own decisions, apart from the
board's) → selectors.py and filters.py (the reads for the lists,
an inspection's page and a finding's page) → forms.py, views/ and urls.py.
"""
