class DocumentProblem(Exception):
    """A document cannot be produced at all; the message says what to fix. Shown to the user as is."""
