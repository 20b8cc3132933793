"""Forms for the chronology: validation only; services decide."""

import datetime as dt
import re
from typing import Any

from django import forms

from cspr.chronology.models import Significance
from cspr.chronology.selectors import SORT_CHOICES, ChronologyFilters
from cspr.chronology.spreadsheets import MAX_IMPORT_MEGABYTES
from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.partnerships.models import Agency

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
TIME_MESSAGE = "Enter the time in the 24-hour clock, like 14:30"


def _set_agencies(form: forms.Form, agencies: Any) -> None:
    field: Any = form.fields["agency"]
    field.queryset = agencies


class EntryForm(GovukForm):
    submit_label = "Save entry"

    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        empty_label="Choose the agency",
        error_messages={"required": "Choose the agency"},
    )
    occurred_on = GovukDateField(
        subject="the date", label="Date", help_text="For example, 5 3 2026"
    )
    occurred_at_time = forms.CharField(
        label="Time (optional)",
        required=False,
        help_text="In the 24-hour clock, like 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    occurred_until = GovukDateField(
        subject="the end date",
        label="End date (optional)",
        help_text="If this went on over a period, the last day of it",
        required=False,
    )
    source = forms.CharField(
        label="Source",
        max_length=200,
        help_text="Where this comes from, like GP record",
        error_messages={
            "required": "Enter the source, like GP record",
            "max_length": "The source must be 200 characters or fewer",
        },
    )
    people_involved = forms.CharField(
        label="Who was involved",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter who was involved"},
    )
    what_happened = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what happened"},
    )
    what_was_done = forms.CharField(
        label="What was done (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    significance = forms.ChoiceField(
        label="Significance",
        choices=Significance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how significant this is"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_agencies(self, agencies)

    def clean_occurred_at_time(self) -> dt.time | None:
        text = self.cleaned_data["occurred_at_time"].strip()
        if not text:
            return None
        match = _TIME.match(text)
        if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise forms.ValidationError(TIME_MESSAGE)
        return dt.time(int(match.group(1)), int(match.group(2)))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, until = cleaned.get("occurred_on"), cleaned.get("occurred_until")
        if start and until and until < start:
            self.add_error("occurred_until", "The end date must be the same as or after the date")
        return cleaned

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class FilterForm(GovukForm):
    """The chronology's filters. They are posted, kept in the session and the page reloaded,
    so a person's name typed here never appears in a URL."""

    submit_label = "Apply filters"

    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.none(), required=False, empty_label="All agencies"
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example, 2026-03-05",
        error_messages={"invalid": "Enter the 'from' date as a real date, like 2026-03-05"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the 'to' date as a real date, like 2026-03-05"},
    )
    person = forms.CharField(
        label="Person involved",
        required=False,
        max_length=100,
        help_text="All or part of a name",
    )
    significance = forms.ChoiceField(
        label="Significance",
        choices=[("", "Any"), *Significance.choices],
        required=False,
    )
    sort = forms.ChoiceField(label="Order", choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_agencies(self, agencies)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned

    def filters(self) -> ChronologyFilters:
        data = self.cleaned_data
        return ChronologyFilters(
            agency_id=data["agency"].pk if data["agency"] else None,
            date_from=data["date_from"],
            date_to=data["date_to"],
            person=data["person"].strip(),
            significance=data["significance"],
            sort=data["sort"] or "date",
        )


class ImportForm(GovukForm):
    submit_label = "Import entries"

    agency = forms.ModelChoiceField(
        label="Agency the entries are for",
        queryset=Agency.objects.none(),
        empty_label="Choose the agency",
        help_text="Rows with a blank Agency column are entered for this agency",
        error_messages={"required": "Choose the agency the entries are for"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A CSV file or an Excel workbook (.xlsx), smaller than "
        f"{MAX_IMPORT_MEGABYTES} MB",
        error_messages={
            "required": "Select a CSV or Excel file",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_agencies(self, agencies)
