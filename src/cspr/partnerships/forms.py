from typing import Any

from django import forms

from cspr.core.forms import GovukForm
from cspr.partnerships.models import Agency, AgencyKind, Partnership, Role, StatutoryPartner

NO_STATUTORY_PARTNER = [("", "Not part of a safeguarding partner")]


class AgencyForm(GovukForm):
    submit_label = "Save agency"

    name = forms.CharField(
        label="Agency name",
        max_length=200,
        error_messages={"required": "Enter the agency's name"},
    )
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of agency"},
    )
    statutory_partner = forms.ChoiceField(
        label="Safeguarding partner",
        help_text="If the agency is part of one of the safeguarding partners, which one.",
        choices=NO_STATUTORY_PARTNER + list(StatutoryPartner.choices),
        required=False,
        widget=forms.RadioSelect,
    )
    is_active = forms.BooleanField(
        label="The agency still takes part in reviews", required=False, initial=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PersonForm(GovukForm):
    """Add a person to the partnership with one role."""

    submit_label = "Add person"

    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the person's full name"},
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="Their work e-mail. We will send them a link to set a password.",
        error_messages={
            "required": "Enter the person's e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (for an agency lead)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Choose an agency",
    )
    statutory_partner = forms.ChoiceField(
        label="Which safeguarding partner they represent (for a safeguarding partner)",
        choices=[("", "Choose a safeguarding partner"), *StatutoryPartner.choices],
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field: Any = self.fields["agency"]
        agency_field.queryset = Agency.objects.filter(partnership=partnership, is_active=True)


class MembershipForm(PersonForm):
    """Change the role of an existing membership."""

    submit_label = "Save role"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("full_name", "email", "job_title"):
            del self.fields[name]
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
