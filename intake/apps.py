from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """E-mail intake (PD16 paras 9-10) and disc intake at the counter (paras 4 and 6)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = "Intake by e-mail and disc"
