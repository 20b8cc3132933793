"""Forms for referral, triage and notifications: validation only; services decide."""

import datetime as dt
from typing import Any

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from cspr.cases.models import (
    AbuseOrNeglect,
    AdjustmentKind,
    ChildStatus,
    IncidentKind,
    IncidentLocation,
    NotificationKind,
    ParallelProcessKind,
    ProcessStatus,
    Sex,
    YesNoUnknown,
)
from cspr.cases.services import TriageOutcome
from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.learning.models import Theme
from cspr.partnerships.models import Agency

IDENTITY_FIELDS = (
    "not_yet_identified",
    "full_name",
    "other_names",
    "unborn",
    "date_of_birth",
    "age_years",
    "sex",
    "ethnicity",
    "disability",
    "household",
    "siblings",
)
CASE_FIELDS = (
    "incident_kind",
    "abuse_or_neglect",
    "incident_date",
    "la_aware_date",
    "partners_aware_date",
    "location",
    "child_statuses",
    "police_investigation",
    "parallel_processes",
    "case_outline",
)


def _radios(choices: Any, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect, error_messages={"required": required_message}
    )


class ReferralForm(GovukForm):
    """A possible serious incident, as an agency lead or the business unit knows it today."""

    submit_label = "Send the referral"

    # The child
    not_yet_identified = forms.BooleanField(
        label="The child has not yet been identified", required=False
    )
    full_name = forms.CharField(label="Child's full name", max_length=200, required=False)
    other_names = forms.CharField(
        label="Other names the child is or was known by (optional)", max_length=300, required=False
    )
    unborn = forms.BooleanField(label="The child was unborn", required=False)
    date_of_birth = GovukDateField(
        subject="the child's date of birth",
        label="Date of birth",
        required=False,
        help_text="For example, 27 3 2019. Leave blank if not known.",
    )
    age_years = forms.IntegerField(
        label="Age in years, if the date of birth is not known",
        required=False,
        min_value=0,
        max_value=25,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "max_value": "Enter an age of 25 or under",
            "min_value": "Enter an age of 0 or more",
            "invalid": "Enter the age as a whole number, like 7",
        },
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.NOT_KNOWN
    )
    ethnicity = forms.CharField(label="Ethnicity (optional)", max_length=200, required=False)
    disability = forms.CharField(label="Disability (optional)", max_length=300, required=False)
    household = forms.CharField(
        label="Household (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who the child lived with, and their relationship to the child.",
    )
    siblings = forms.CharField(
        label="Siblings (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names and ages. Their safety may need immediate action.",
    )
    child_statuses = forms.MultipleChoiceField(
        label="The child's status at the time",
        choices=ChildStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Select the child's status at the time, or 'None known'"},
    )

    # What happened
    incident_kind = _radios(IncidentKind.choices, "Select what happened")
    abuse_or_neglect = _radios(
        AbuseOrNeglect.choices, "Select whether abuse or neglect is known or suspected"
    )
    incident_date = GovukDateField(
        subject="the date of the incident",
        label="Date of the incident",
        help_text="For example, 3 11 2026",
    )
    la_aware_date = GovukDateField(
        subject="the date the local authority became aware",
        label="Date the local authority became aware",
        help_text="The 5 working days to notify the Panel count from this date (NOTIFY-PANEL).",
    )
    partners_aware_date = GovukDateField(
        subject="the date the safeguarding partners became aware",
        label="Date the safeguarding partners became aware (optional)",
        required=False,
        help_text="Leave blank if the same as the local authority's. The Rapid Review's 15 working "
        "days count from it (RAPID-REVIEW).",
    )
    location = _radios(IncidentLocation.choices, "Select where it happened")

    # Agencies and other processes
    referring_agency = forms.ModelChoiceField(
        label="Your agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="The business unit (no agency)",
    )
    agencies_involved = forms.ModelMultipleChoiceField(
        label="Agencies involved with the child or family (optional)",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    police_investigation = _radios(
        YesNoUnknown.choices, "Select whether the police are investigating"
    )
    parallel_processes = forms.MultipleChoiceField(
        label="Other processes under way or expected (optional)",
        choices=ParallelProcessKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    case_outline = forms.CharField(
        label="Case outline",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What happened and what is known about the child's circumstances. Use the "
        "facts as far as they are known today.",
        error_messages={"required": "Enter a case outline"},
    )

    def __init__(self, *args: Any, agencies: Any, own_agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        referring: Any = self.fields["referring_agency"]
        involved: Any = self.fields["agencies_involved"]
        involved.queryset = agencies
        if own_agencies is None:
            referring.queryset = agencies
        else:
            referring.queryset = own_agencies
            referring.required = True
            referring.empty_label = None
        self.fields["incident_kind"].label = "What happened"
        self.fields["abuse_or_neglect"].label = "Is abuse or neglect known or suspected?"
        self.fields["location"].label = "Where did it happen?"
        self.fields["police_investigation"].label = "Are the police investigating?"
        self.helper.layout = Layout(
            Fieldset(
                "not_yet_identified",
                "full_name",
                "other_names",
                "unborn",
                "date_of_birth",
                "age_years",
                Field.radios("sex", inline=True),
                "ethnicity",
                "disability",
                "household",
                "siblings",
                "child_statuses",
                legend="The child",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "incident_kind",
                "abuse_or_neglect",
                "incident_date",
                "la_aware_date",
                "partners_aware_date",
                "location",
                legend="What happened",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "referring_agency",
                "agencies_involved",
                "police_investigation",
                "parallel_processes",
                "case_outline",
                legend="Agencies and other processes",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("not_yet_identified") and not (data.get("full_name") or "").strip():
            self.add_error(
                "full_name",
                "Enter the child's full name, or select 'The child has not yet been identified'",
            )
        statuses = data.get("child_statuses") or []
        if ChildStatus.NONE_KNOWN in statuses and len(statuses) > 1:
            self.add_error(
                "child_statuses", "Select 'None known' on its own, or the statuses that apply"
            )
        born: dt.date | None = data.get("date_of_birth")
        incident: dt.date | None = data.get("incident_date")
        if data.get("unborn") and born:
            self.add_error("date_of_birth", "Leave the date of birth blank for an unborn child")
        if born and incident and born > incident:
            self.add_error(
                "date_of_birth",
                "The child's date of birth must be on or before the date of the incident",
            )
        return data

    def case_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CASE_FIELDS}

    def identity_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in IDENTITY_FIELDS}
        if values["not_yet_identified"]:
            values["full_name"] = ""
        return values


class TriageForm(GovukForm):
    submit_label = "Record the decision"
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=[
            (TriageOutcome.NOTIFY, "It meets the criteria: notify"),
            (
                TriageOutcome.LEARNING_REVIEW,
                "It does not meet the criteria: run a local learning review",
            ),
            (TriageOutcome.CLOSE, "It does not meet the criteria: close the case"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Meeting the criteria never makes the outcome automatic: say why.",
        error_messages={"required": "Enter the reason for the decision"},
    )


class NotificationForm(GovukForm):
    submit_label = "Record the notification"
    kind = forms.ChoiceField(
        label="Notification",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which notification was made"},
    )
    sent_on = GovukDateField(
        subject="the date it was sent", label="Date sent", help_text="For example, 5 11 2026"
    )
    national_reference = forms.CharField(
        label="Reference given by the national system (optional)",
        max_length=100,
        required=False,
    )
    late_reason = forms.CharField(
        label="If it was late, why (optional otherwise)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, kinds: list[NotificationKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["kind"]
        field.choices = [(k.value, k.label) for k in kinds]


class CaseFilterForm(GovukForm):
    submit_label = "Apply filters"
    sent_by_get = True
    stage = forms.ChoiceField(label="Stage", required=False)
    status = forms.ChoiceField(label="Next deadline", required=False)
    include_closed = forms.BooleanField(label="Include closed cases", required=False)

    def __init__(self, *args: Any, stages: Any, statuses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stage: Any = self.fields["stage"]
        stage.choices = [("", "Any open stage"), *stages]
        status: Any = self.fields["status"]
        status.choices = [("", "Any"), *statuses]


class ParallelProcessForm(GovukForm):
    submit_label = "Save"
    kind = forms.ChoiceField(
        label="Process",
        choices=ParallelProcessKind.choices,
        error_messages={"required": "Select the process"},
    )
    status = forms.ChoiceField(
        label="Status", choices=ProcessStatus.choices, widget=forms.RadioSelect
    )
    contact_agency = forms.ModelChoiceField(
        label="Agency to contact about it (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="None",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Dates of hearings, what the review must wait for.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["contact_agency"]
        field.queryset = agencies


class DeadlineAdjustmentForm(GovukForm):
    submit_label = "Save the change"
    kind = forms.ChoiceField(
        label="What to do",
        choices=AdjustmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to extend or pause the deadline"},
    )
    new_due = GovukDateField(subject="the new date", label="New date (to extend)", required=False)
    paused_from = GovukDateField(
        subject="the date the clock was paused", label="Paused from (to pause)", required=False
    )
    resumed_on = GovukDateField(
        subject="the date the clock restarted", label="Restarted on (to pause)", required=False
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This is kept in the case's record and the audit trail.",
        error_messages={"required": "Enter the reason for the change"},
    )


class CaseThemesForm(GovukForm):
    """The themes a person confirms for a case; the page lays them out by facet."""

    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes_field: Any = self.fields["themes"]
        themes_field.queryset = Theme.objects.filter(is_active=True)
