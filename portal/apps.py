from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The practitioner's own pages across matters: my filings and my profile."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = "Practitioners' portal"
