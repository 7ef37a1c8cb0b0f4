"""The outbox in the admin: read-only. Notices change only through their services (a failed
one is retried from the clerks' notices page, ``notices:outbox``)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from notices.models import Notice, NoticePreferences, ReminderLimits


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "matter_number", "to_address", "state", "attempts"]
    list_filter = ["state", "kind"]
    search_fields = ["matter_number", "subject", "to_address", "recipient__username"]
    date_hierarchy = "created_at"


@admin.register(ReminderLimits)
class ReminderLimitsAdmin(ReadOnlyAdmin):
    list_display = ["min_days_before", "default_days_before", "max_days_before", "overdue_required"]


@admin.register(NoticePreferences)
class NoticePreferencesAdmin(ReadOnlyAdmin):
    list_display = ["user", "days_before", "remind_copies", "remind_directions", "remind_rule32"]
