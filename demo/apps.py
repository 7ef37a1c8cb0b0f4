from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for trying the registry (``seed_demo``): kept apart from the product."""

    name = "demo"
    verbose_name = "Demo data"
