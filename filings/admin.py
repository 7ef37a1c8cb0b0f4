"""Matters, filings and their records in the Django admin (administrators only).

Administrators edit accounts here (users, roles, organisations, practitioners' profiles), each
change audited with its values before and after (``audit.admin.AuditedAdminMixin``). The
records themselves are read-only here (``audit.admin.ReadOnlyAdminMixin``): matters, parties
and who represents them, filings, documents, rejections, transmission reports, directions,
PN127 applications, Rule 32 orders and notices. Each of those changes only through its service
(``filings.services``), which checks what the rules require (a filing's number, its review, the
party it belongs to, a matter's open status) and records the change in the audit trail; an
edit here would bypass both (issue: a filing moved to the other party is shown to that side's
practitioners; a document's virus-scan status set to clean by hand).
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from audit.admin import (
    AuditedAdminMixin,
    AuditedModelAdmin,
    ReadOnlyInline,
    ReadOnlyModelAdmin,
)

from .models import (
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


class PartyInline(ReadOnlyInline):
    model = Party


@admin.register(Matter)
class MatterAdmin(ReadOnlyModelAdmin):
    list_display = ["number", "abbreviated_title", "proceeding", "opened_on", "status"]
    list_filter = ["proceeding", "status", "opened_on"]
    search_fields = ["number", "title", "abbreviated_title", "parties__name"]
    readonly_fields = ["number", "year", "sequence", "created_at"]
    date_hierarchy = "opened_on"
    inlines = [PartyInline]


@admin.register(MatterNumberCounter)
class MatterNumberCounterAdmin(ReadOnlyModelAdmin):
    list_display = ["year", "last_sequence"]


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
class PartyAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "matter", "role", "representation", "representative_organisation"]
    list_filter = ["role", "representation"]
    search_fields = ["name", "matter__number", "matter__title"]
    autocomplete_fields = ["matter", "representative_organisation"]


@admin.register(PartyRepresentative)
class PartyRepresentativeAdmin(ReadOnlyModelAdmin):
    list_display = ["user", "party", "since"]
    search_fields = ["user__username", "party__name", "party__matter__number"]
    autocomplete_fields = ["user", "party"]


class DocumentInline(ReadOnlyInline):
    model = Document
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


@admin.register(Filing)
class FilingAdmin(ReadOnlyModelAdmin):
    list_display = ["__str__", "party", "channel", "status", "lodged_at", "lodged_by"]
    list_filter = ["status", "channel", "matter__proceeding", "lodged_at"]
    search_fields = ["matter__number", "matter__title", "party__name", "lodged_by__username"]
    readonly_fields = ["sequence", "lodged_at", "reviewed_at"]
    autocomplete_fields = ["matter", "party", "lodged_by", "reviewed_by", "corrects"]
    date_hierarchy = "lodged_at"
    list_select_related = ["matter", "party", "lodged_by"]
    inlines = [DocumentInline]


@admin.register(Document)
class DocumentAdmin(ReadOnlyModelAdmin):
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
class FilingRejectionAdmin(ReadOnlyModelAdmin):
    list_display = ["filing", "reason", "document"]
    list_filter = ["reason"]
    search_fields = ["filing__matter__number", "note"]
    autocomplete_fields = ["filing", "reason", "document"]


@admin.register(Direction)
class DirectionAdmin(ReadOnlyModelAdmin):
    list_display = ["matter", "kind", "made_by", "made_on", "serve", "recorded_by"]
    list_filter = ["kind", "made_by", "serve"]
    search_fields = ["matter__number", "matter__title", "scope"]
    autocomplete_fields = ["matter", "parties", "document_kinds", "recorded_by"]
    readonly_fields = ["recorded_at"]


@admin.register(PracticeNoteApplication)
class PracticeNoteApplicationAdmin(ReadOnlyModelAdmin):
    list_display = ["matter", "extent", "made_by", "applied_on"]
    list_filter = ["extent", "made_by"]
    search_fields = ["matter__number", "conditions", "parts"]
    autocomplete_fields = ["matter", "recorded_by"]
    readonly_fields = ["recorded_at"]


@admin.register(Rule32Order)
class Rule32OrderAdmin(ReadOnlyModelAdmin):
    list_display = ["matter", "description", "made_on", "file_by", "received_on"]
    list_filter = ["file_by", "received_on"]
    search_fields = ["matter__number", "description"]
    autocomplete_fields = ["matter", "received_filing", "recorded_by"]


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
