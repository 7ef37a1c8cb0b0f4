from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "filings"
    verbose_name = "Matters and filings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib.auth import signals as auth_signals
        from django.core import checks
        from PIL import Image

        from filings.checks import check_virus_scanner
        from filings.services import audit
        from registry.admin_audit import admin_change_logged

        # Pillow warns (and the validation layer refuses) above its own process-wide limit;
        # make that limit the registry's, so REGISTRY_MAX_IMAGE_PIXELS is the one that rules.
        Image.MAX_IMAGE_PIXELS = settings.REGISTRY_MAX_IMAGE_PIXELS
        checks.register(check_virus_scanner, checks.Tags.security, deploy=True)

        # Sign-ins, failed sign-ins and sign-outs go to the audit trail (security checklist).
        auth_signals.user_logged_in.connect(
            audit.on_user_logged_in, dispatch_uid="filings.audit.sign_in"
        )
        auth_signals.user_login_failed.connect(
            audit.on_user_login_failed, dispatch_uid="filings.audit.sign_in_failed"
        )
        auth_signals.user_logged_out.connect(
            audit.on_user_logged_out, dispatch_uid="filings.audit.sign_out"
        )
        # Changes made in the admin (every app's admin announces them: registry.admin_audit).
        admin_change_logged.connect(
            audit.on_admin_change_logged, dispatch_uid="filings.audit.admin_change"
        )
