from django.apps import AppConfig


class VolumeConfig(AppConfig):
    """Synthetic data at volume, for measuring pages and queries (never in production)."""

    name = "volume"
    verbose_name = "Synthetic volume data"
