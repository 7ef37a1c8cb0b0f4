from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    """A matter's protocol for exchanging information electronically under PN127 (PD16 para 8)."""

    name = "protocols"
    verbose_name = "PN127 protocols"
    default_auto_field = "django.db.models.BigAutoField"
