from django.apps import AppConfig
from django.core import checks


class PracticeDirectionsConfig(AppConfig):
    name = "practice_directions"
    verbose_name = "Practice directions (rules)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .checks import (
            RULES_TAG,
            check_oir_address,
            check_rules_data,
            check_technology_checklist,
        )

        checks.register(check_rules_data, RULES_TAG, checks.Tags.database)
        checks.register(check_oir_address, checks.Tags.database)
        checks.register(check_technology_checklist, checks.Tags.database)
