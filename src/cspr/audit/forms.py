from typing import Any

from django import forms

from cspr.accounts.models import User
from cspr.audit.models import AuditEvent
from cspr.core.forms import GovukForm


class TrailFilterForm(GovukForm):
    submit_label = "Apply filters"
    sent_by_get = True

    actor = forms.ModelChoiceField(
        label="Person", queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    action = forms.ChoiceField(
        label="What they did",
        choices=[("", "Anything"), *AuditEvent.Action.choices],
        required=False,
    )
    object_type = forms.ChoiceField(label="Kind of record", required=False)
    object_id = forms.CharField(
        label="Record number",
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-10"}),
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2026-03-27",
        error_messages={"invalid": "Enter the 'from' date as a real date, like 2026-03-27"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the 'to' date as a real date, like 2026-03-27"},
    )

    def __init__(self, *args: Any, people: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actor_field: Any = self.fields["actor"]
        actor_field.queryset = people
        object_type_field: Any = self.fields["object_type"]
        object_type_field.choices = [("", "Any"), *((t, t) for t in object_types)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned
