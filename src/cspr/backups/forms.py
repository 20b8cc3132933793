from django import forms

from cspr.backups.models import MAX_RETENTION_YEARS
from cspr.core.forms import GovukForm


class RetentionForm(GovukForm):
    submit_label = "Save retention period"
    years = forms.IntegerField(
        label="How many years to keep a case after it closes",
        help_text="The case and its documents are deleted after this. Published reports and "
        "published learning are kept.",
        min_value=1,
        max_value=MAX_RETENTION_YEARS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many years to keep a closed case",
            "invalid": "Enter the number of years as a whole number, like 7",
            "min_value": "Enter at least 1 year",
            "max_value": f"Enter {MAX_RETENTION_YEARS} years or fewer",
        },
    )
    basis = forms.CharField(
        label="Where the period comes from (optional)",
        help_text="For example, the partnership's records retention schedule",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
