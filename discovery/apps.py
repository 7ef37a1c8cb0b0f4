from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    """PN127 electronic discovery lists: upload, validation, export, verification, images."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "discovery"
    verbose_name = "Discovery lists (PN127)"
