"""Forms for learning products: validation only; services decide."""

from typing import Any

from django import forms

from cspr.briefings import sections
from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.partnerships.models import Agency


class ProductEditForm(GovukForm):
    """The title and the sections of one kind, in the order the product shows them."""

    submit_label = "Save the draft"
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="The child's pseudonym and what this is, for example “Child R: Learning on a "
        "Page”. Never a name.",
        error_messages={"required": "Enter the title"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        version = self.fields.pop("version")
        for field in sections.fields_of(kind):
            self.fields[field.name] = forms.CharField(
                label=field.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": max(4, field.words // 15)}),
                help_text=f"{field.hint} About {field.words} words fit."
                + (" Needed before it is approved." if _required(kind, field.name) else ""),
            )
        self.fields["version"] = version


def _required(kind: str, name: str) -> bool:
    return any(names == (name,) for names in sections.REQUIRED[kind])


class WithdrawForm(GovukForm):
    submit_label = "Withdraw it"
    reason = forms.CharField(
        label="Why it is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why it is withdrawn"},
    )


class DeliveryForm(GovukForm):
    submit_label = "Record the delivery"
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Choose an agency",
    )
    team = forms.CharField(
        label="Team",
        max_length=200,
        help_text="For example “Health visiting, north locality”.",
        error_messages={"required": "Enter the team it was delivered to"},
    )
    delivered_on = GovukDateField(subject="the date it was delivered", label="Delivered on")
    attendees = forms.IntegerField(
        label="Number of people who attended",
        min_value=1,
        max_value=10000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of people who attended",
            "invalid": "The number of people who attended must be a whole number",
            "min_value": "The number of people who attended must be 1 or more",
            "max_value": "The number of people who attended must be 10,000 or fewer",
        },
    )
    delivered_by = forms.CharField(
        label="Who delivered it",
        max_length=200,
        help_text="Their role, or name and role: for example “Team manager”.",
        error_messages={"required": "Enter who delivered it"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Actions the team agreed, for example.",
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = agencies
