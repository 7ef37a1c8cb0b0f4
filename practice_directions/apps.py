from django.apps import AppConfig


class PracticeDirectionsConfig(AppConfig):
    name = "practice_directions"
    verbose_name = "Practice directions (rules)"
    default_auto_field = "django.db.models.BigAutoField"
