"""Read-only admin for received mail: decisions go through the intake services only."""

from django.contrib import admin

from intake.models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "sender", "subject", "status", "matter"]
    list_filter = ["status", "source"]
    search_fields = ["sender", "subject", "message_id", "raw_sha256"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
