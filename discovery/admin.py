"""Discovery lists in the admin: read-only (lists change only through the services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import DiscoveryList, ListService


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DiscoveryList)
class DiscoveryListAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "matter", "party", "row_count", "error_count", "is_current"]
    list_filter = ["is_current", "validated", "format"]
    list_select_related = ["matter", "party"]


@admin.register(ListService)
class ListServiceAdmin(ReadOnlyAdmin):
    list_display = ["discovery_list", "medium", "served_on", "letter_date"]
    list_select_related = ["discovery_list__party", "served_on"]
