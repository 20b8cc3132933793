"""Forms for the Rapid Review: validation only; services decide."""

from typing import Any

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.partnerships.models import Agency, AgencyKind, StatutoryPartner
from cspr.rapid_reviews.criteria import LOCAL_CRITERIA, NATIONAL_CRITERIA, Criterion, Outcome
from cspr.rapid_reviews.models import CriteriaView, PanelResponse, PartnerChoice, YesNo


class InviteForm(GovukForm):
    submit_label = "Invite the agency"
    agency = forms.ModelChoiceField(
        label="An agency on the partnership's list",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Choose an agency",
    )
    new_agency_name = forms.CharField(
        label="Or an agency not on the list: its name",
        max_length=200,
        required=False,
    )
    new_agency_kind = forms.ChoiceField(
        label="Kind of agency (for a new agency)",
        choices=[("", "Choose"), *AgencyKind.choices],
        required=False,
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency, name = data.get("agency"), (data.get("new_agency_name") or "").strip()
        if agency and name:
            self.add_error(
                "new_agency_name", "Choose an agency from the list or name a new one, not both"
            )
        elif not agency and not name:
            self.add_error("agency", "Choose an agency from the list, or name a new one")
        elif name and not data.get("new_agency_kind"):
            self.add_error("new_agency_kind", "Select the kind of the new agency")
        return data


def _text(label: str, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ScopingReturnForm(GovukForm):
    """Everything optional while it is a draft; the service checks what a submission needs."""

    submit_label = "Save draft"
    author_name = forms.CharField(label="Your name", max_length=200, required=False)
    author_role = forms.CharField(label="Your role", max_length=200, required=False)
    known_to_agency = forms.ChoiceField(
        label="Were the child or family known to your agency?",
        choices=YesNo.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    involvement_period = forms.CharField(
        label="Period of involvement",
        max_length=200,
        required=False,
        help_text="For example, March 2024 to the incident",
    )
    involvement = _text(
        "Nature of involvement", help_text="Who in the family your agency worked with, and how."
    )
    strengths = _text("Practice strengths")
    concerns = _text("Practice concerns and missed opportunities")
    actions_taken = _text("Immediate actions your agency has taken")
    learning = _text("Learning your agency sees")
    criteria_view = forms.ChoiceField(
        label="Your agency's view on whether the criteria for a review are met",
        choices=CriteriaView.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    criteria_comment = _text("Why (optional)", rows=3)
    records_secured = forms.ChoiceField(
        label="Have your agency's records been secured?",
        choices=YesNo.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    safeguarding_lead = forms.CharField(
        label="Name of the safeguarding lead signing it off", max_length=200, required=False
    )
    signed_off = forms.BooleanField(
        label="The safeguarding lead has read and signed off this return", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset(
                "author_name", "author_role", legend="Who is writing", legend_size=Size.MEDIUM
            ),
            Fieldset(
                Field.radios("known_to_agency", inline=True),
                "involvement_period",
                "involvement",
                legend="Your agency's involvement",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "strengths",
                "concerns",
                "actions_taken",
                "learning",
                legend="Practice and learning",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "criteria_view",
                "criteria_comment",
                Field.radios("records_secured", inline=True),
                legend="Criteria and records",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "safeguarding_lead",
                "signed_off",
                "version",
                legend="Sign-off",
                legend_size=Size.MEDIUM,
            ),
        )


class KeyContactForm(GovukForm):
    submit_label = "Add the contact"
    contact_date = GovukDateField(subject="the date of the contact", label="Date")
    who = forms.CharField(
        label="Who was involved",
        max_length=300,
        error_messages={"required": "Enter who was involved"},
    )
    what = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what happened"},
    )
    outcome = forms.CharField(
        label="Outcome (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SendBackForm(GovukForm):
    submit_label = "Return for changes"
    reason = forms.CharField(
        label="What the agency needs to change",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what the agency needs to change"},
    )


def criterion_fields(criteria: tuple[Criterion, ...]) -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for c in criteria:
        fields[f"{c.key}_applies"] = forms.BooleanField(label=f"{c.rule}: {c.text}", required=False)
        fields[f"{c.key}_note"] = forms.CharField(
            label=f"Note on {c.rule}", required=False, max_length=1000
        )
    return fields


class MeetingForm(GovukForm):
    submit_label = "Save the recommendation"
    meeting_date = GovukDateField(subject="the date of the meeting", label="Date of the meeting")
    attendees = _text("Who attended", rows=3, help_text="Names, roles and agencies.")
    facts = _text("The facts, as far as they can readily be established", rows=6)
    immediate_action = _text("Immediate action needed to keep children safe, and learning shared")
    improvements = _text("The potential for identifying improvements")
    next_steps = _text("Next steps, including whether to undertake a review")
    learning_identified = _text("Learning identified")
    recommended_outcome = forms.ChoiceField(
        label="Recommended outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the recommended outcome"},
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Meeting the criteria never makes a review automatic: say why this outcome.",
        error_messages={"required": "Enter the rationale for the recommendation"},
    )
    missing_returns_reason = _text(
        "If any scoping return is missing, why the group is deciding without it", rows=3
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(criterion_fields(LOCAL_CRITERIA))
        self.fields.update(criterion_fields(NATIONAL_CRITERIA))

        def checklist(criteria: tuple[Criterion, ...]) -> list[str]:
            return [name for c in criteria for name in (f"{c.key}_applies", f"{c.key}_note")]

        self.helper.layout = Layout(
            Fieldset("meeting_date", "attendees", legend="The meeting", legend_size=Size.MEDIUM),
            Fieldset(
                "facts",
                "immediate_action",
                "improvements",
                "next_steps",
                "learning_identified",
                legend="The Rapid Review",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *checklist(LOCAL_CRITERIA),
                legend="Criteria for a local review (regulation 11)",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                *checklist(NATIONAL_CRITERIA),
                legend="Criteria for a national review (regulation 3)",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                "recommended_outcome",
                "rationale",
                "missing_returns_reason",
                "version",
                legend="Recommendation",
                legend_size=Size.MEDIUM,
            ),
        )

    def criteria(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            c.key: {
                "applies": bool(data.get(f"{c.key}_applies")),
                "note": (data.get(f"{c.key}_note") or "").strip(),
            }
            for c in (*LOCAL_CRITERIA, *NATIONAL_CRITERIA)
        }

    def values(self) -> dict[str, Any]:
        names = (
            "meeting_date",
            "attendees",
            "facts",
            "immediate_action",
            "improvements",
            "next_steps",
            "learning_identified",
            "recommended_outcome",
            "rationale",
            "missing_returns_reason",
        )
        return {name: self.cleaned_data.get(name) for name in names}


class ImmediateActionForm(GovukForm):
    submit_label = "Add the action"
    action = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owner_agency = forms.ModelChoiceField(
        label="Agency that owns it",
        queryset=Agency.objects.none(),
        error_messages={"required": "Choose the agency"},
    )
    owner_name = forms.CharField(
        label="Named owner", max_length=200, error_messages={"required": "Enter the named owner"}
    )
    due_on = GovukDateField(subject="the date it is due", label="Due (optional)", required=False)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["owner_agency"]
        field.queryset = agencies


class PartnerDecisionForm(GovukForm):
    submit_label = "Send my decision"
    statutory_partner = forms.ChoiceField(label="Deciding for", widget=forms.RadioSelect)
    choice = forms.ChoiceField(
        label="Your decision",
        choices=PartnerChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select confirm or challenge"},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you challenge the recommendation.",
    )

    def __init__(self, *args: Any, partners: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["statutory_partner"]
        field.choices = [(p, StatutoryPartner(p).label) for p in partners]
        if len(partners) == 1:
            field.initial = partners[0]
            field.widget = forms.HiddenInput()


class LatenessForm(GovukForm):
    submit_label = "Record why it is late"
    reason = forms.CharField(
        label="Why the Rapid Review will be late",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the Rapid Review is late"},
    )
    expected_on = GovukDateField(
        subject="the date the Panel will have it", label="When the Panel will have it"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class SendToPanelForm(GovukForm):
    submit_label = "Record as sent"
    sent_on = GovukDateField(subject="the date it was sent", label="Date sent to the Panel")
    late_reason = forms.CharField(
        label="If it was late and no reason is recorded yet, why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PanelResponseForm(GovukForm):
    submit_label = "Record the response"
    response = forms.ChoiceField(
        label="The Panel's response",
        choices=PanelResponse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the Panel's response"},
    )
    responded_on = GovukDateField(subject="the date of the response", label="Date of the response")
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
