from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "HMICFRS inspections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from inspections.accounts import checks, signals  # noqa: F401 (registers the receivers and checks)
