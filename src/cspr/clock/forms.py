import datetime as dt
from typing import Any

from django import forms

from cspr.clock.services import MAX_LOCAL_LENGTH
from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm


class StartDateForm(GovukForm):
    """The public page's "work it out from a date" form (GET)."""

    submit_label = "Work out the dates"
    sent_by_get = True
    start = GovukDateField(
        subject="the date the clock starts",
        label="Date the clock starts",
        help_text="For example, 19 12 2025",
    )

    def clean_start(self) -> dt.date:
        start: dt.date = self.cleaned_data["start"]
        if not 1990 <= start.year <= 2100:
            raise forms.ValidationError("Enter a date between 1990 and 2100")
        return start


class RuleSettingForm(GovukForm):
    submit_label = "Save local length"
    length = forms.IntegerField(
        label="Local length",
        min_value=1,
        max_value=MAX_LOCAL_LENGTH,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the local length",
            "invalid": "Enter the local length as a whole number, like 10",
            "min_value": "Enter a local length of at least 1",
            "max_value": f"Enter a local length of {MAX_LOCAL_LENGTH} or less",
        },
    )
    reason = forms.CharField(
        label="Why the partnership uses a different length",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the partnership uses a different length"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, unit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["length"].label = f"Local length, in {unit}"


class ExtraBankHolidayForm(GovukForm):
    submit_label = "Add bank holiday"
    day = GovukDateField(
        subject="the date of the bank holiday",
        label="Date of the bank holiday",
        help_text="For example, 8 5 2023",
    )
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="As announced, for example 'Coronation of King Charles III'",
        error_messages={"required": "Enter the bank holiday's name"},
    )
