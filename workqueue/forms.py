"""The queue's filters and the senior clerk's assignment form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from filings.models import Filing
from practice_directions.models import ProceedingType
from workqueue.selectors import DEFAULT_SORT, SORTS, TAB_ALL, TABS, WAITING_CHOICES, QueueFilters


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """The form's field ``name``, a choice field (``fields`` is typed as holding any field)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name!r} is not a choice field")
    return field


def _sort_choices() -> list[tuple[str, str]]:
    labels = {
        "lodged": "Lodged",
        "matter": "Matter",
        "party": "Party",
        "channel": "Channel",
        "assignee": "Assigned to",
    }
    choices = []
    for key in SORTS:
        choices.append((key, f"{labels[key]} (ascending)"))
        choices.append((f"-{key}", f"{labels[key]} (descending)"))
    return choices


class QueueFilterForm(forms.Form):
    """Every field optional: an empty form shows the whole tab, oldest first."""

    tab = forms.ChoiceField(
        choices=[(t, t) for t in TABS], required=False, widget=forms.HiddenInput
    )
    channel = forms.ChoiceField(required=False, label="Channel")
    proceeding = forms.ChoiceField(required=False, label="Proceeding type")
    waiting = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Waiting longer than"
    )
    problems = forms.BooleanField(required=False, label="Only filings with problems")
    assignee = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Assigned to"
    )
    sort = forms.ChoiceField(required=False, label="Sort by", choices=_sort_choices())

    def __init__(self, *args: Any, counts: Any, clerks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channels = counts.channels
        _choice_field(self, "channel").choices = [("", f"Any ({counts.total})")] + [
            (value, f"{label} ({channels.get(value, 0)})")
            for value, label in Filing.Channel.choices
        ]
        proceedings = counts.proceedings
        _choice_field(self, "proceeding").choices = [("", f"Any ({counts.total})")] + [
            (p.code, f"{p.name} ({proceedings.get(p.code, 0)})")
            for p in ProceedingType.objects.order_by("name")
        ]
        _choice_field(self, "waiting").choices = [("", f"Any time ({counts.total})")] + [
            (str(days), f"{days} day{'s' * (days > 1)} ({counts.waiting[days]})")
            for days in WAITING_CHOICES
        ]
        self.fields["problems"].label = f"Only filings with problems ({counts.problems})"
        assignees = counts.assignees
        _choice_field(self, "assignee").choices = [("", "Anyone or no one")] + [
            (str(c.pk), f"{c.get_full_name() or c.get_username()} ({assignees.get(c.pk, 0)})")
            for c in clerks
        ]

    def filters(self) -> QueueFilters:
        """The filters asked for (call after ``is_valid``); nothing when the form is invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return QueueFilters(
            tab=data.get("tab") or TAB_ALL,
            channel=data.get("channel") or "",
            proceeding=data.get("proceeding") or "",
            waiting_days=data.get("waiting"),
            problems=bool(data.get("problems")),
            assignee_id=data.get("assignee"),
            sort=data.get("sort") or DEFAULT_SORT,
        )


def requested_tab(data: Any) -> str:
    tab = data.get("tab", TAB_ALL)
    return tab if tab in TABS else TAB_ALL


class _ClerkChoiceField(forms.ModelChoiceField[User]):
    """A clerk, by full name (or username, when there is none)."""

    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    """A senior clerk gives a filing to a clerk."""

    assignee = _ClerkChoiceField(queryset=None, label="Assign to", empty_label=None)

    def __init__(self, *args: Any, clerks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        if not isinstance(field, forms.ModelChoiceField):
            raise TypeError("'assignee' is not a model choice field")
        field.queryset = clerks
