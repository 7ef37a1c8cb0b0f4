"""Admin changes for the audit trail (security checklist, "Audit": admin changes).

Django's admin already writes a ``LogEntry`` for every addition, change and deletion it makes;
``AuditedAdminMixin`` announces each one as well, on ``admin_change_logged``, with the request
it came from (the ``LogEntry`` keeps no address). Every app's admin uses the mixin, and the app
that keeps the audit trail (``filings``) listens: so the rules app's admin needs nothing from
``filings`` (its arrows point one way).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.dispatch import Signal
from django.http import HttpRequest

# Sent once per logged admin action, by the ModelAdmin class, with:
# request, operation ("add", "change" or "delete"), objects (list), change_message.
admin_change_logged = Signal()


class AuditedAdminMixin:
    """Put before ``admin.ModelAdmin`` (or a subclass such as ``UserAdmin``) in the bases."""

    def _announce(
        self, request: HttpRequest, operation: str, objects: Iterable[Any], message: Any = ""
    ) -> None:
        admin_change_logged.send(
            sender=type(self),
            request=request,
            operation=operation,
            objects=list(objects),
            change_message=message,
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        self._announce(request, "add", [obj], message)
        return entry

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        entry = super().log_change(request, obj, message)
        self._announce(request, "change", [obj], message)
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        # Called before the objects are deleted, so they can still be described.
        entries = super().log_deletions(request, queryset)
        self._announce(request, "delete", queryset)
        return entries


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """``admin.ModelAdmin`` whose changes reach the audit trail."""
