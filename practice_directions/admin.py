"""The rules data, editable by administrators; every change reaches the audit trail
(``audit.admin``).

An edit that would make the rules data contradictory is refused as it is saved, with the
problem in words: the form tries the change inside a transaction it rolls back, reads the
rules as they would then stand and runs ``validate_rules`` on them (the same test as system
check E001). Only problems the edit would add are reported, so a row can still be corrected
while another is wrong.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from audit.admin import AuditedModelAdmin, ReadOnlyModelAdmin

from .models import (
    ChecklistGroup,
    ChecklistOption,
    DocumentKind,
    EmailClass,
    NotificationRecipient,
    PracticeDirection,
    ProceedingType,
    RejectionReason,
    RulesVersion,
)
from .rules import validate_rules
from .selectors import forget_loaded_rules, read_rules_from


class _TryOut(Exception):
    """Raised to roll back the tried-out edit."""


class RulesDataForm(forms.ModelForm):
    """A rules row's form that refuses an edit leaving the rules data contradictory."""

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # not in the stubs; the instance holds the edit
        if self.errors:
            return
        alias = self.instance._state.db or "default"
        before = {(p.code, p.obj) for p in validate_rules(read_rules_from(alias))}
        # Saving marks a new row as stored and may give it a key: put both back afterwards.
        pk, adding = self.instance.pk, self.instance._state.adding
        try:
            with transaction.atomic(using=alias):
                self.instance.save(using=alias)
                after = validate_rules(read_rules_from(alias))
                raise _TryOut
        except _TryOut:
            pass
        finally:
            self.instance.pk, self.instance._state.adding = pk, adding
        added = [p for p in after if (p.code, p.obj) not in before]
        for problem in added:
            self.add_error(None, f"This change would leave the rules inconsistent: {problem.text}")


class RulesDataAdmin(AuditedModelAdmin):
    form = RulesDataForm

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> type[forms.ModelForm]:
        kwargs.setdefault("form", RulesDataForm)
        return super().get_changelist_form(request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        forget_loaded_rules()  # the rest of this request reads the rules as edited


@admin.register(PracticeDirection)
class PracticeDirectionAdmin(RulesDataAdmin):
    list_display = ["number", "title", "gazetted_on", "commences_on", "replaces"]
    search_fields = ["title", "number"]
    list_filter = ["requires_electronic_copies"]
    autocomplete_fields = ["replaces"]


@admin.register(EmailClass)
class EmailClassAdmin(RulesDataAdmin):
    list_display = ["code", "name", "address", "subject_requirement", "position"]
    list_editable = ["address", "position"]
    search_fields = ["code", "name", "address"]
    list_filter = ["subject_requirement"]


@admin.register(ProceedingType)
class ProceedingTypeAdmin(RulesDataAdmin):
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
class DocumentKindAdmin(RulesDataAdmin):
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
class NotificationRecipientAdmin(RulesDataAdmin):
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


@admin.register(RulesVersion)
class RulesVersionAdmin(ReadOnlyModelAdmin):
    """The token the database's triggers change with every rules row: shown, never edited (each
    process reads the rules again when it changes)."""

    list_display = ("token",)
