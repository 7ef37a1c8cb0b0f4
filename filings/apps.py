from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = "Matters and filings"
    default_auto_field = "django.db.models.BigAutoField"
