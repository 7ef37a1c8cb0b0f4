from django.apps import AppConfig


class WorkqueueConfig(AppConfig):
    """The clerks' work queue: one row per filing waiting for review, and who is reviewing it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "workqueue"
    verbose_name = "Clerks' work queue"
