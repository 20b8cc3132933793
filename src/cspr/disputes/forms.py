"""Forms for differences of opinion: validation only; services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.disputes.models import DisputeSubject
from cspr.disputes.workflow import LAST_STAGE, Stage
from cspr.partnerships.models import Agency


class DisputeRaiseForm(GovukForm):
    submit_label = "Raise the difference of opinion"

    agency = forms.ModelChoiceField(
        label="The agency you represent",
        queryset=Agency.objects.none(),
        error_messages={"required": "Select the agency you represent"},
    )
    subject = forms.ChoiceField(
        label="What do you disagree with?",
        choices=DisputeSubject.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the difference of opinion is about"},
    )
    summary = forms.CharField(
        label="What the difference of opinion is",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Say what was decided, what you think instead, and why. Use the case's "
        "reference or pseudonym, not the child's name.",
        error_messages={"required": "Enter what the difference of opinion is"},
    )

    def __init__(
        self, *args: Any, agencies: QuerySet[Agency], agency_required: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = agencies
        field.required = agency_required
        if agency_required and len(agencies) == 1:
            field.initial = agencies[0].pk
        if not agency_required:
            field.label = "The agency you represent (optional)"
            field.empty_label = "Not on behalf of one agency"


NEXT_STEP_RESOLVE = "resolve"
NEXT_STEP_ESCALATE = "escalate"
ESCALATE_TO = {
    Stage.PARTNERS: "It is not resolved: escalate it to the safeguarding partners",
    Stage.MEDIATION: "It is not resolved: ask the independent scrutineer to mediate",
}


class StageCloseForm(GovukForm):
    """The current stage's outcome and end date, then resolve or escalate (DISPUTE)."""

    submit_label = "Record the outcome"

    outcome = forms.CharField(
        label="Outcome of this stage",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the outcome of this stage"},
    )
    ended_on = GovukDateField(
        subject="the date this stage ended",
        label="Date this stage ended",
        help_text="For example, 27 3 2026",
    )
    next_step = forms.ChoiceField(
        label="What happens next?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is resolved or escalated"},
    )
    resolution = forms.CharField(
        label="How it was resolved (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave blank if the outcome above says how it was resolved.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, stage: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(NEXT_STEP_RESOLVE, "The difference of opinion is resolved")]
        if stage < LAST_STAGE:
            choices.append((NEXT_STEP_ESCALATE, ESCALATE_TO[Stage(stage + 1)]))
        field: Any = self.fields["next_step"]
        field.choices = choices

    @property
    def resolves(self) -> bool:
        return bool(self.cleaned_data["next_step"] == NEXT_STEP_RESOLVE)
