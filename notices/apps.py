from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Notices by e-mail"
    default_auto_field = "django.db.models.BigAutoField"
