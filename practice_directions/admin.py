"""The rules data, editable by administrators; every change reaches the audit trail
(``audit.admin``)."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from audit.admin import AuditedModelAdmin

from .models import (
    ChecklistGroup,
    ChecklistOption,
    DocumentKind,
    EmailClass,
    NotificationRecipient,
    PracticeDirection,
    ProceedingType,
    RejectionReason,
)


@admin.register(PracticeDirection)
class PracticeDirectionAdmin(AuditedModelAdmin):
    list_display = ["number", "title", "gazetted_on", "commences_on", "replaces"]
    search_fields = ["title", "number"]
    list_filter = ["requires_electronic_copies"]
    autocomplete_fields = ["replaces"]


@admin.register(EmailClass)
class EmailClassAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "address", "subject_requirement", "position"]
    list_editable = ["address", "position"]
    search_fields = ["code", "name", "address"]
    list_filter = ["subject_requirement"]


@admin.register(ProceedingType)
class ProceedingTypeAdmin(AuditedModelAdmin):
    list_display = [
        "code",
        "name",
        "exempt_under_3a",
        "awaits_conciliation_certificate",
        "period_after_certificate_days",
        "deadline_set_by_commission",
        "email_class",
    ]
    list_filter = ["exempt_under_3a", "awaits_conciliation_certificate", "email_class"]
    search_fields = ["code", "name", "statutory_reference"]
    autocomplete_fields = ["email_class"]


@admin.register(DocumentKind)
class DocumentKindAdmin(AuditedModelAdmin):
    list_display = [
        "name",
        "exempt_form",
        "is_proposed_orders",
        "is_submissions",
        "is_award",
        "active",
    ]
    list_filter = ["exempt_form", "is_proposed_orders", "is_submissions", "is_award", "active"]
    search_fields = ["name"]


@admin.register(RejectionReason)
class RejectionReasonAdmin(AuditedModelAdmin):
    list_display = ["code", "text", "paragraph", "active"]
    list_filter = ["active", "paragraph"]
    search_fields = ["code", "text"]


@admin.register(NotificationRecipient)
class NotificationRecipientAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "address", "paragraph"]
    list_editable = ["address"]
    search_fields = ["code", "name", "address"]


class ChecklistOptionFormSet(forms.BaseInlineFormSet):
    """Refuses an edit that would leave a group with none or several defaults where PN127 marks
    one, or a default where it marks none (para 15; system check E002 says the same)."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError("A checklist group needs at least one option.", code="no_options")
        defaults = [row["label"] for row in kept if row.get("is_default")]
        requires_default = getattr(self.instance, "requires_default", True)
        if requires_default and len(defaults) != 1:
            raise ValidationError(
                "Mark exactly one option as the default (**): it applies where the parties do "
                f"not agree (PN127 para 15). Marked now: {len(defaults)}.",
                code="default_count",
            )
        if not requires_default and defaults:
            raise ValidationError(
                "This group has no default in PN127: untick “Requires default” first, or mark "
                "no option as the default.",
                code="default_unexpected",
            )


class ChecklistOptionInline(admin.TabularInline):
    model = ChecklistOption
    formset = ChecklistOptionFormSet
    fields = ["label", "is_default", "position"]
    extra = 0


class ChecklistGroupForm(forms.ModelForm):
    class Meta:
        model = ChecklistGroup
        fields = ["code", "stage", "label", "position", "requires_default"]


@admin.register(ChecklistGroup)
class ChecklistGroupAdmin(AuditedModelAdmin):
    """The Technology Check List annexed to PN127: groups and their options, ** as default."""

    form = ChecklistGroupForm
    list_display = ["label", "stage", "code", "requires_default", "default_option", "position"]
    list_filter = ["stage", "requires_default"]
    search_fields = ["label", "code", "options__label"]
    inlines = [ChecklistOptionInline]

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).prefetch_related("options")

    @admin.display(description="Default (**)")
    def default_option(self, group: ChecklistGroup) -> str:
        return next((o.label for o in group.options.all() if o.is_default), "—")


@admin.register(ChecklistOption)
class ChecklistOptionAdmin(AuditedModelAdmin):
    """Every option at a glance. Options are edited with their group, where the one-default
    rule is checked across the group (PN127 para 15), so here they are only viewed."""

    list_display = ["label", "group", "is_default", "position"]
    list_filter = ["group__stage", "is_default"]
    list_select_related = ["group"]
    search_fields = ["label", "group__label"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
