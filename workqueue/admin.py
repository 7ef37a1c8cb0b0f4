"""Assignments are read-only in the admin: they change through the audited services only."""

from django.contrib import admin
from django.http import HttpRequest

from workqueue.models import FilingAssignment


@admin.register(FilingAssignment)
class FilingAssignmentAdmin(admin.ModelAdmin):
    list_display = ("filing", "assignee", "assigned_by", "assigned_at")
    list_select_related = ("filing__matter", "assignee", "assigned_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
