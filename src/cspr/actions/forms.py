"""Forms for action plans: validation only; services decide."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from cspr.accounts.models import User
from cspr.actions.models import NEEDS_REASONS, Response
from cspr.actions.services.actions import MAX_EVIDENCE_FILES
from cspr.actions.services.recommendations import REASONS_NEEDED
from cspr.actions.workflow import SHOWN_STATUSES, ActionStatus
from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.documents.filetypes import MAX_UPLOAD_SIZE
from cspr.learning.models import Facet, Theme
from cspr.partnerships.models import Agency, StatutoryPartner
from cspr.rapid_reviews.models import ImmediateAction

UNDECIDED = "undecided"
EVIDENCE_ACCEPT = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"
RESPONSE_CHOICES = [*Response.choices, (UNDECIDED, "Not decided yet")]
FACET_HINTS = {
    Facet.HARM: "What happened to the child.",
    Facet.CHILD: "About the child.",
    Facet.FAMILY: "About the family and the child's circumstances.",
    Facet.PRACTICE: "About how agencies worked.",
}


class RecommendationForm(GovukForm):
    """A recommendation, the partnership's response (with reasons unless accepted), and its
    themes: one group of checkboxes for each facet of the vocabulary."""

    submit_label = "Save the recommendation"

    text = forms.CharField(
        label="The recommendation",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="As the report words it. Use the case's pseudonym, not the child's name.",
        error_messages={"required": "Enter the recommendation"},
    )
    response = forms.ChoiceField(
        label="The partnership's response",
        choices=RESPONSE_CHOICES,
        widget=forms.RadioSelect,
        help_text="Every recommendation needs a response before the plan is signed off.",
        error_messages={"required": "Select the response, or Not decided yet"},
    )
    response_reasons = forms.CharField(
        label="Reasons for the response",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if the recommendation is partly accepted or not accepted.",
    )

    def __init__(
        self,
        *args: Any,
        themes: Sequence[Theme],
        suggested: dict[int, tuple[str, ...]] | None = None,
        with_version: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.themes = {theme.pk: theme for theme in themes}
        suggested = suggested or {}
        for facet, label in Facet.choices:
            choices = [
                (str(theme.pk), _theme_label(theme, suggested.get(theme.pk)))
                for theme in themes
                if theme.facet == facet
            ]
            if choices:
                self.fields[f"themes_{facet}"] = forms.MultipleChoiceField(
                    label=f"Themes: {label.lower()} (optional)",
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=FACET_HINTS.get(Facet(facet), ""),
                )
        if with_version:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)

    @property
    def theme_field_names(self) -> list[str]:
        return [name for name in self.fields if name.startswith("themes_")]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        response = data.get("response")
        if response in NEEDS_REASONS and not (data.get("response_reasons") or "").strip():
            self.add_error("response_reasons", REASONS_NEEDED[response].rstrip("."))
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = [pk for name in self.theme_field_names for pk in data.get(name) or []]
        return {
            "text": data["text"],
            "response": "" if data["response"] == UNDECIDED else data["response"],
            "response_reasons": data["response_reasons"],
            "themes": [self.themes[int(pk)] for pk in chosen],
        }


def _theme_label(theme: Theme, reasons: tuple[str, ...] | None) -> str:
    if not reasons:
        return theme.name
    found = ", ".join(f"“{reason}”" for reason in reasons)
    return f"{theme.name} (suggested: the text mentions {found})"


def theme_initial(themes: Iterable[Theme]) -> dict[str, list[str]]:
    initial: dict[str, list[str]] = {}
    for theme in themes:
        initial.setdefault(f"themes_{theme.facet}", []).append(str(theme.pk))
    return initial


class OwnerChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.describe: dict[int, str] = {}

    def label_from_instance(self, obj: Any) -> str:
        role = self.describe.get(obj.pk)
        return f"{obj.full_name} ({role})" if role else str(obj.full_name)


class ActionForm(GovukForm):
    submit_label = "Save the action"

    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Specific and measurable: what, by whom, to what standard.",
        error_messages={"required": "Enter what will be done"},
    )
    agency = forms.ModelChoiceField(
        label="Owning agency",
        queryset=Agency.objects.none(),
        empty_label="Choose the agency",
        error_messages={"required": "Choose the agency that owns the action"},
    )
    owner = OwnerChoiceField(
        label="Named owner",
        queryset=User.objects.none(),
        empty_label="Choose the owner",
        help_text="The owning agency's lead in CSPR, or someone of the business unit or a "
        "safeguarding partner. They update the action and are reminded when it is overdue.",
        error_messages={"required": "Choose the named owner"},
    )
    starts_on = GovukDateField(
        subject="the date the action starts", label="Starts on", help_text="For example, 1 4 2026"
    )
    due_on = GovukDateField(
        subject="the date the action is due", label="Due by", help_text="For example, 30 9 2026"
    )
    impact_measure = forms.CharField(
        label="How you will know it has made a difference for children",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The measure of impact: for example, an audit of 20 assessments in six "
        "months shows fathers were spoken to in at least 18.",
        error_messages={"required": "Enter how you will know it has made a difference"},
    )

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        owners: QuerySet[User],
        owner_roles: dict[int, str],
        with_version: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        agency.queryset = agencies
        owner: Any = self.fields["owner"]
        owner.queryset = owners
        owner.describe = owner_roles
        if with_version:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): cleans to a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # crispy-forms-gds styles a widget by its class name; this one is not in its list.
        attrs = {"accept": EVIDENCE_ACCEPT, "class": "govuk-file-upload"}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActionUpdateForm(GovukForm):
    """The owning agency's update: progress, status, evidence of impact, and files."""

    submit_label = "Send the update"

    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        help_text="CSPR shows an action as overdue once its due date has passed, until it is "
        "complete.",
        error_messages={"required": "Select the action's status"},
    )
    text = forms.CharField(
        label="What has been done",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Since the last update. Use the case's reference, not the child's name.",
        error_messages={"required": "Enter what has been done"},
    )
    impact_evidence = forms.CharField(
        label="Evidence of impact so far (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Against the measure above: what has changed for children, and how you know.",
    )
    evidence = MultipleFileField(
        label="Evidence files (optional)",
        required=False,
        help_text=f"Up to {MAX_EVIDENCE_FILES} files: PDF, Word, Excel or OpenDocument files, "
        f"or images, each up to {MAX_UPLOAD_SIZE // (1024 * 1024)} MB. Files with macros are "
        "not accepted.",
        error_messages={"empty": "The selected file is empty"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_evidence(self) -> list[Any]:
        files: list[Any] = self.cleaned_data.get("evidence") or []
        if len(files) > MAX_EVIDENCE_FILES:
            raise ValidationError(f"Select up to {MAX_EVIDENCE_FILES} files at a time")
        return files


class SignOffForm(GovukForm):
    submit_label = "Sign the plan off"
    statutory_partner = forms.ChoiceField(
        label="Signing off for",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the safeguarding partner you sign off for"},
    )
    comment = forms.CharField(
        label="Comment (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, partners: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["statutory_partner"]
        field.choices = [(p, StatutoryPartner(p).label) for p in partners]
        if len(partners) == 1:
            field.initial = partners[0]


class ImpactReviewForm(GovukForm):
    submit_label = "Record the impact review"
    reviewed_on = GovukDateField(
        subject="the date of the review",
        label="Date of the review",
        help_text="For example, 2 3 2027",
    )
    findings = forms.CharField(
        label="What has changed for children",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="How life has improved for children because of the plan, the evidence for "
        "it, and what is still to do. This goes into the partnership's yearly report.",
        error_messages={"required": "Enter what has changed for children"},
    )


class BringInForm(GovukForm):
    submit_label = "Bring them into the plan"
    immediate_actions = forms.MultipleChoiceField(
        label="Immediate actions of the Rapid Review",
        widget=forms.CheckboxSelectMultiple,
        help_text="Each becomes an accepted recommendation; then add its action with a named "
        "owner.",
        error_messages={"required": "Select the immediate actions to bring into the plan"},
    )

    def __init__(self, *args: Any, items: list[ImmediateAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in items}
        field: Any = self.fields["immediate_actions"]
        field.choices = [(str(item.pk), _immediate_label(item)) for item in items]

    def chosen(self) -> list[ImmediateAction]:
        return [self.items[int(pk)] for pk in self.cleaned_data["immediate_actions"]]


def _immediate_label(item: ImmediateAction) -> str:
    due = f", due {item.due_on.day} {item.due_on:%B %Y}" if item.due_on else ""
    return f"{item.action} ({item.owner_agency.name}, {item.owner_name}{due})"


class ActionFilterForm(GovukForm):
    submit_label = "Apply filters"
    sent_by_get = True
    status = forms.ChoiceField(label="Status", required=False)
    agency = forms.ModelChoiceField(
        label="Owning agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Any agency",
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status: Any = self.fields["status"]
        status.choices = [("", "Any"), *SHOWN_STATUSES]
        agency: Any = self.fields["agency"]
        agency.queryset = agencies
