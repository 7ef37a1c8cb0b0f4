"""The protocol rows in the admin, read-only: proposals, agreements and orders are written only
by ``protocols.services`` (audited), and are never changed or removed afterwards."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Protocol, ProtocolAgreement, ProtocolOrder, ProtocolProposal, ProtocolSettings


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Protocol)
class ProtocolAdmin(ReadOnlyAdmin):
    list_display = ["matter", "created_at"]
    search_fields = ["matter__number", "matter__title"]
    list_select_related = ["matter"]


@admin.register(ProtocolProposal)
class ProtocolProposalAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "protocol",
        "party",
        "group",
        "option",
        "settings",
        "proposed_by",
        "proposed_at",
    ]
    list_select_related = [
        "protocol__matter",
        "party",
        "group",
        "option",
        "settings",
        "proposed_by",
    ]
    search_fields = ["protocol__matter__number", "party__name"]


@admin.register(ProtocolAgreement)
class ProtocolAgreementAdmin(ReadOnlyAdmin):
    list_display = ["pk", "proposal", "party", "agreed_by", "agreed_at"]
    list_select_related = ["proposal__party", "party", "agreed_by"]
    search_fields = ["proposal__protocol__matter__number", "party__name"]


@admin.register(ProtocolOrder)
class ProtocolOrderAdmin(ReadOnlyAdmin):
    list_display = ["pk", "protocol", "group", "option", "settings", "made_on", "recorded_by"]
    list_select_related = ["protocol__matter", "group", "option", "settings", "recorded_by"]
    search_fields = ["protocol__matter__number"]


@admin.register(ProtocolSettings)
class ProtocolSettingsAdmin(ReadOnlyAdmin):
    list_display = ["pk", "protocol", "image_resolution_dpi", "document_id_pattern", "created_by"]
    list_select_related = ["protocol__matter", "created_by"]
