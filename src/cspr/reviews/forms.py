"""Forms for reviews: validation only; services decide."""

from typing import Any

from django import forms

from cspr.accounts.models import User
from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.partnerships.models import Agency, StatutoryPartner
from cspr.reviews.models import Methodology, ParticipantKind, ParticipationStatus, ReviewKind


class ReviewOpenForm(GovukForm):
    submit_label = "Open the review"
    kind = forms.ChoiceField(
        label="Kind of review",
        choices=ReviewKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of review"},
    )
    methodology = forms.ChoiceField(
        label="Methodology",
        choices=Methodology.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the methodology"},
    )
    methodology_notes = forms.CharField(
        label="About the methodology (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    panel_members = forms.CharField(
        label="Review panel members (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line: name, role, agency.",
    )


class ReviewEditForm(GovukForm):
    submit_label = "Save"
    methodology = forms.ChoiceField(
        label="Methodology", choices=Methodology.choices, widget=forms.RadioSelect
    )
    methodology_notes = forms.CharField(
        label="About the methodology (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    panel_members = forms.CharField(
        label="Review panel members (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line: name, role, agency.",
    )
    family_not_invited_reason = forms.CharField(
        label="If the family has not been invited to take part, why (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommissionForm(GovukForm):
    submit_label = "Commission the reviewer"
    reviewer = forms.ModelChoiceField(
        label="Reviewer",
        queryset=User.objects.none(),
        empty_label="Choose a reviewer",
        error_messages={"required": "Choose the reviewer"},
    )
    starts_on = GovukDateField(subject="the date the commission starts", label="Starts on")
    ends_on = GovukDateField(
        subject="the date the commission ends",
        label="Ends on",
        help_text="Their access to this case ends with this day.",
    )

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["reviewer"]
        field.queryset = reviewers


class TermsForm(GovukForm):
    submit_label = "Save this version"
    scope_from = GovukDateField(subject="the start of the scope period", label="Scope from")
    scope_to = GovukDateField(subject="the end of the scope period", label="Scope to")
    lines_of_enquiry = forms.CharField(
        label="Key lines of enquiry",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the key lines of enquiry"},
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies in scope",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the agencies in scope"},
    )
    # The number of the latest version when the page was opened (0: none yet), so that two
    # people drafting at once do not each make a version from the same one unawares.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agencies"]
        field.queryset = agencies


class TermsApprovalForm(GovukForm):
    submit_label = "Approve this version"
    statutory_partner = forms.ChoiceField(label="Approving for", widget=forms.RadioSelect)

    def __init__(self, *args: Any, partners: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["statutory_partner"]
        field.choices = [(p, StatutoryPartner(p).label) for p in partners]


class ParticipantForm(GovukForm):
    submit_label = "Add"
    kind = forms.ChoiceField(
        label="Practitioner or family member",
        choices=ParticipantKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select practitioner or family member"},
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter their name"}
    )
    role = forms.CharField(
        label="Role, or relationship to the child",
        max_length=200,
        error_messages={"required": "Enter their role or relationship"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (for a practitioner)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Choose an agency",
    )
    is_child = forms.BooleanField(label="A surviving child", required=False)
    invited_on = GovukDateField(subject="the date they were invited", label="Invited on")
    status = forms.ChoiceField(
        label="Taking part",
        choices=ParticipationStatus.choices,
        widget=forms.RadioSelect,
        initial=ParticipationStatus.INVITED,
    )
    how_views_gathered = forms.CharField(
        label="How their views were gathered (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.queryset = agencies


class ParticipantStatusForm(GovukForm):
    submit_label = "Save"
    status = forms.ChoiceField(
        label="Taking part", choices=ParticipationStatus.choices, widget=forms.RadioSelect
    )
    how_views_gathered = forms.CharField(
        label="How their views were gathered (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewerRequestForm(GovukForm):
    submit_label = "Send the request"
    what = forms.CharField(
        label="What the partners ask the reviewer for",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what is asked for"},
    )
    due_on = GovukDateField(subject="the date it is due", label="Due by")
