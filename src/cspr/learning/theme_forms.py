"""The form for adding or changing a theme. Validation only: the service cleans the cue list
and refuses duplicate names."""

from typing import Any

from django import forms

from cspr.core.forms import GovukForm
from cspr.learning.models import Facet

CUE_HELP = (
    "One word or phrase a line. CSPR suggests this theme for a text that contains one of them, "
    "as a whole word, whatever the capitals, with or without a plural or hyphens "
    "(“self-harm” also finds “self harm”). Write a short form in capitals (“CSE”) to find it only "
    "in capitals. A number range in braces finds any number in it: “{13-17} year old” finds "
    "“15-year-old”."
)


class ThemeForm(GovukForm):
    submit_label = "Save theme"

    facet = forms.ChoiceField(
        label="Facet",
        choices=Facet.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the facet the theme belongs to"},
    )
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={
            "required": "Enter the theme's name",
            "max_length": "The name must be 120 characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        help_text="What the theme covers, for the people who choose themes for a review.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cues = forms.CharField(
        label="Words that suggest it",
        help_text=CUE_HELP,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    is_active = forms.BooleanField(
        label="In use: CSPR suggests it and people can choose it",
        required=False,
        initial=True,
    )
    opened = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "opened"}


class TryThemesForm(GovukForm):
    """Paste a text to see the themes CSPR would suggest; nothing is kept."""

    submit_label = "Suggest themes"

    text = forms.CharField(
        label="Text",
        help_text="For example a learning summary. It is not saved.",
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Enter a text to suggest themes for",
            "max_length": "The text must be 50,000 characters or fewer",
        },
    )
