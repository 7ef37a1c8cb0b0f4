"""The admin and the audit trail (security checklist, "Audit": admin changes; "the admin and
every page are read-only for lodged records").

Two mixins for every app's admin:

- ``AuditedAdminMixin``: each addition, change and deletion made in the admin is recorded as an
  ``admin_change`` event with who, when, from where (the request's client address, which
  Django's own ``LogEntry`` does not keep) and the values before and after. Used for what
  administrators do edit here: the rules data and the accounts.
- ``ReadOnlyAdminMixin``: the records that only the registry's services change (matters,
  parties, filings, documents, rejections, transmission reports, directions, the audit trail
  itself) can be viewed and never added, changed or deleted here, so that every change to them
  goes through a service that checks it and audits it.
"""

from __future__ import annotations

import csv
from typing import Any

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import path

from audit.models import AuditEvent
from audit.selectors import csv_rows
from audit.services import audit_change, record_values


class AuditedAdminMixin:
    """Put before ``admin.ModelAdmin`` (or a subclass such as ``UserAdmin``) in the bases."""

    def audit_subject(self, obj: Model) -> dict[str, Any]:
        """Plain fields naming the matter or filing concerned, for admins of such records."""
        return {}

    def _before_values(self, obj: Model) -> dict[str, Any] | None:
        if obj.pk is None:
            return None
        stored = type(obj)._default_manager.filter(pk=obj.pk).first()
        return record_values(stored) if stored is not None else None

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        # The values as loaded, before any form touches them: every change page (and the
        # password page, which never calls save_model) loads its object here.
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is not None:
            obj._audit_before = record_values(obj)
        return obj

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Rows changed from the list (list_editable) are not loaded through get_object: read
        # them from the database, not from ``obj``, which already carries the new values.
        if not hasattr(obj, "_audit_before"):
            obj._audit_before = self._before_values(obj) if change else None
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def _record(
        self, request: HttpRequest, operation: str, obj: Model, message: Any, after: Any
    ) -> None:
        audit_change(
            action=AuditEvent.Action.ADMIN_CHANGE,
            request=request,
            before=getattr(obj, "_audit_before", None),
            after=after,
            detail={
                "operation": operation,
                "model": obj._meta.label_lower,
                "object_id": str(obj.pk),
                "object_repr": str(obj)[:200],
                "change_message": message,
            },
            **self.audit_subject(obj),
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        # Logged after save_related, so many-to-many values are in place.
        self._record(request, "add", obj, message, record_values(obj))
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        self._record(request, "change", obj, message, record_values(obj))
        return entry

    def log_deletions(self, request: HttpRequest, queryset: QuerySet) -> Any:
        # Called before the objects are deleted, so they can still be described.
        objects = list(queryset)
        for obj in objects:
            obj._audit_before = record_values(obj)
        entries = super().log_deletions(request, queryset)  # type: ignore[misc]
        for obj in objects:
            self._record(request, "delete", obj, "", None)
        return entries


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """``admin.ModelAdmin`` whose changes reach the audit trail with before and after."""


class ReadOnlyAdminMixin:
    """View only: no add, change or delete, whatever permissions the account holds.

    Django then shows the change page as a read-only page and answers a POST to the add or
    change page with 403 (it checks these methods, not only the buttons).
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyModelAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A record the registry's services alone change: viewable, never edited here."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    """An inline of such records."""

    extra = 0
    can_delete = False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """The audit trail, read-only here (and the database refuses changes and deletions from
    anywhere). The whole trail exports as CSV from the administrators' export link."""

    list_display = [
        "at",
        "action",
        "username",
        "client_ip",
        "matter_number",
        "filing_reference",
        "document_id",
    ]
    list_filter = ["action", "at"]
    search_fields = ["username", "matter_number", "filing_reference"]
    date_hierarchy = "at"
    list_select_related = False
    show_full_result_count = False
    change_list_template = "audit/admin_change_list.html"

    def get_urls(self) -> list[Any]:
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_csv),
            name="audit_auditevent_export",
        )
        return [export, *super().get_urls()]

    def export_csv(self, request: HttpRequest) -> HttpResponseBase:
        """The whole trail as CSV, streamed (administrators: those who may view the trail)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in csv_rows()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
        return response


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer's output."""

    def write(self, value: str) -> str:
        return value


# Lifting a sign-in lockout is an admin change like any other: deleting one of axes' rows (or
# changing one) reaches the trail with who, from where and the values removed. Axes' bulk
# clean-up action deletes without describing each row, so it is not offered here (Django's
# "delete selected" remains, and is audited row by row).
class AuditedAccessAttemptAdmin(AuditedAdminMixin, AccessAttemptAdmin):
    actions: list[Any] = []


class AuditedAccessLogAdmin(AuditedAdminMixin, AccessLogAdmin):
    pass


class AuditedAccessFailureLogAdmin(AuditedAdminMixin, AccessFailureLogAdmin):
    pass


for _model, _audited in (
    (AccessAttempt, AuditedAccessAttemptAdmin),
    (AccessLog, AuditedAccessLogAdmin),
    (AccessFailureLog, AuditedAccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):  # AXES_ENABLE_ADMIN
        admin.site.unregister(_model)
        admin.site.register(_model, _audited)
