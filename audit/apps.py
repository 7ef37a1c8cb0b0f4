from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals

        from audit import services

        # Sign-ins, failed sign-ins and sign-outs go to the audit trail (security checklist).
        auth_signals.user_logged_in.connect(
            services.on_user_logged_in, dispatch_uid="audit.sign_in"
        )
        auth_signals.user_login_failed.connect(
            services.on_user_login_failed, dispatch_uid="audit.sign_in_failed"
        )
        auth_signals.user_logged_out.connect(
            services.on_user_logged_out, dispatch_uid="audit.sign_out"
        )
