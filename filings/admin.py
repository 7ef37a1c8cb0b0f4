"""Matters, filings and their records in the Django admin (administrators only).

Lodged documents are evidence: their hashes, sizes, formats and timestamps are read-only here.
Every change made here, and to user accounts and groups, is mirrored into the audit trail
(``registry.admin_audit``); the audit trail itself can be read here and never changed.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from registry.admin_audit import AuditedAdminMixin, AuditedModelAdmin

from .models import (
    AuditEvent,
    Direction,
    Document,
    Filing,
    FilingRejection,
    Matter,
    MatterNumberCounter,
    Organisation,
    Party,
    PartyRepresentative,
    PracticeNoteApplication,
    PractitionerProfile,
    Rule32Order,
)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    autocomplete_fields = ["representative_organisation"]


@admin.register(Matter)
class MatterAdmin(AuditedModelAdmin):
    list_display = ["number", "abbreviated_title", "proceeding", "opened_on", "status"]
    list_filter = ["proceeding", "status", "opened_on"]
    search_fields = ["number", "title", "abbreviated_title", "parties__name"]
    readonly_fields = ["number", "year", "sequence", "created_at"]
    date_hierarchy = "opened_on"
    inlines = [PartyInline]

    def has_add_permission(self, request):  # numbers are allocated by the matter_open service
        return False


@admin.register(MatterNumberCounter)
class MatterNumberCounterAdmin(AuditedModelAdmin):
    list_display = ["year", "last_sequence"]
    readonly_fields = ["year", "last_sequence"]

    def has_add_permission(self, request):
        return False


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(PractitionerProfile)
class PractitionerProfileAdmin(AuditedModelAdmin):
    list_display = ["user", "organisation", "phone"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    list_filter = ["organisation__kind"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Party)
class PartyAdmin(AuditedModelAdmin):
    list_display = ["name", "matter", "role", "representation", "representative_organisation"]
    list_filter = ["role", "representation"]
    search_fields = ["name", "matter__number", "matter__title"]
    autocomplete_fields = ["matter", "representative_organisation"]


@admin.register(PartyRepresentative)
class PartyRepresentativeAdmin(AuditedModelAdmin):
    list_display = ["user", "party", "since"]
    search_fields = ["user__username", "party__name", "party__matter__number"]
    autocomplete_fields = ["user", "party"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = [
        "position",
        "kind",
        "title",
        "role",
        "original_filename",
        "detected_format",
        "size",
        "sha256",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Filing)
class FilingAdmin(AuditedModelAdmin):
    list_display = ["__str__", "party", "channel", "status", "lodged_at", "lodged_by"]
    list_filter = ["status", "channel", "matter__proceeding", "lodged_at"]
    search_fields = ["matter__number", "matter__title", "party__name", "lodged_by__username"]
    readonly_fields = ["sequence", "lodged_at", "reviewed_at"]
    autocomplete_fields = ["matter", "party", "lodged_by", "reviewed_by", "corrects"]
    date_hierarchy = "lodged_at"
    list_select_related = ["matter", "party", "lodged_by"]
    inlines = [DocumentInline]


@admin.register(Document)
class DocumentAdmin(AuditedModelAdmin):
    list_display = ["__str__", "kind", "role", "detected_format", "size", "sha256"]
    list_filter = ["role", "detected_format", "kind", "annexure_not_readily_available"]
    search_fields = ["title", "original_filename", "sha256", "filing__matter__number"]
    autocomplete_fields = ["filing", "kind", "annexed_to"]
    readonly_fields = [
        "electronic_copy",
        "original_filename",
        "detected_format",
        "size",
        "sha256",
        "validation",
        "rules_decision",
    ]
    list_select_related = ["filing__matter", "kind"]


@admin.register(FilingRejection)
class FilingRejectionAdmin(AuditedModelAdmin):
    list_display = ["filing", "reason", "document"]
    list_filter = ["reason"]
    search_fields = ["filing__matter__number", "note"]
    autocomplete_fields = ["filing", "reason", "document"]


@admin.register(Direction)
class DirectionAdmin(AuditedModelAdmin):
    list_display = ["matter", "kind", "made_by", "made_on", "serve", "recorded_by"]
    list_filter = ["kind", "made_by", "serve"]
    search_fields = ["matter__number", "matter__title", "scope"]
    autocomplete_fields = ["matter", "parties", "document_kinds", "recorded_by"]
    readonly_fields = ["recorded_at"]


@admin.register(PracticeNoteApplication)
class PracticeNoteApplicationAdmin(AuditedModelAdmin):
    list_display = ["matter", "extent", "made_by", "applied_on"]
    list_filter = ["extent", "made_by"]
    search_fields = ["matter__number", "conditions", "parts"]
    autocomplete_fields = ["matter", "recorded_by"]
    readonly_fields = ["recorded_at"]


@admin.register(Rule32Order)
class Rule32OrderAdmin(AuditedModelAdmin):
    list_display = ["matter", "description", "made_on", "file_by", "received_on"]
    list_filter = ["file_by", "received_on"]
    search_fields = ["matter__number", "description"]
    autocomplete_fields = ["matter", "received_filing", "recorded_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: no one adds, changes or deletes an event here (and the
    database refuses changes and deletions from anywhere)."""

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
    readonly_fields = [
        "at",
        "action",
        "user",
        "username",
        "client_ip",
        "matter_number",
        "filing_reference",
        "document_id",
        "detail",
    ]
    list_select_related = False
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Accounts and roles: the admin changes that matter most to an audit, so they are mirrored too.
User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedAdminMixin, UserAdmin):
    """Django's user admin, with its changes (accounts, roles, staff status) audited."""


@admin.register(Group)
class AuditedGroupAdmin(AuditedAdminMixin, GroupAdmin):
    """Django's group admin: the roles' permissions, with their changes audited."""
