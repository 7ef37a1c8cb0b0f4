from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = "Matters and filings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        # Pillow warns (and the validation layer refuses) above its own process-wide limit;
        # make that limit the registry's, so REGISTRY_MAX_IMAGE_PIXELS is the one that rules.
        Image.MAX_IMAGE_PIXELS = settings.REGISTRY_MAX_IMAGE_PIXELS
        from django.core import checks

        from filings.checks import check_virus_scanner

        checks.register(check_virus_scanner, checks.Tags.security, deploy=True)
