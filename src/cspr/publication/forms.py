"""Forms for publication: validation only; the services decide."""

from django import forms

from cspr.core.fields import GovukDateField
from cspr.core.forms import GovukForm
from cspr.publication.files import MAX_REPORT_MEGABYTES
from cspr.publication.models import DelayReason

PDF_ONLY = forms.FileInput(attrs={"accept": "application/pdf,.pdf"})
FILE_HINT = (
    f"The anonymised report as a PDF, smaller than {MAX_REPORT_MEGABYTES}MB and without a "
    "password. It is published as it is."
)


def _text(label: str, required: str = "", *, rows: int = 4, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(required),
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required} if required else {},
    )


class PlanForm(GovukForm):
    submit_label = "Save the plan"
    planned_on = GovukDateField(
        subject="the planned publication date",
        label="Planned publication date",
        help_text="For example, 27 4 2026. Copies must go to the Panel, the Secretary of State "
        "and Ofsted at least 7 working days before it (PRE-PUBLICATION).",
    )
    copies_late_reason = _text(
        "If the copies were not all sent in time, why (optional)",
        rows=3,
        hint="Publication can be recorded with a copy missing or late only when this says why.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CopyForm(GovukForm):
    submit_label = "Record the copy"
    sent_on = GovukDateField(subject="the date it was sent", label="Date sent")
    late_reason = _text("If it was sent late, why (optional)", rows=3)


class DelayForm(GovukForm):
    submit_label = "Record the delay"
    reason = forms.ChoiceField(
        label="Why is publication delayed?",
        choices=DelayReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why publication is delayed"},
    )
    details = _text(
        "Details (optional unless you chose other)",
        rows=3,
        hint="For example, the trial date or who you are liaising with. Only the business unit "
        "and the partners see this.",
    )
    review_on = GovukDateField(
        subject="the date to look at it again",
        label="Date to look at it again",
        help_text="The business unit is reminded by e-mail on this day.",
    )


class DelayDateForm(GovukForm):
    submit_label = "Save the date"
    review_on = GovukDateField(
        subject="the date to look at it again",
        label="New date to look at it again",
        help_text="The business unit is reminded by e-mail on this day.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(GovukForm):
    submit_label = "Publish the report"
    title = forms.CharField(
        label="Title on the public page",
        max_length=200,
        help_text="As the report is titled, for example: Child R, a local child safeguarding "
        "practice review. Not the case reference or the child's name.",
        error_messages={"required": "Enter the title"},
    )
    summary = _text(
        "Summary for the public page",
        "Enter the summary",
        rows=6,
        hint="What happened, in two or three anonymised sentences, and the main learning.",
    )
    uploaded_file = forms.FileField(
        label="The report",
        help_text=FILE_HINT,
        widget=PDF_ONLY,
        error_messages={"required": "Select the report as a PDF file"},
    )


class NotPublishForm(GovukForm):
    submit_label = "Record the decision and publish the information"
    reason = _text(
        "Why the partners decided not to publish the report",
        "Say why the report is not being published",
        hint="This stays in CSPR: it is not shown on the public page.",
    )
    improvements_title = forms.CharField(
        label="Title on the public page",
        max_length=200,
        help_text="For example: Child R, information about improvements.",
        error_messages={"required": "Enter the title"},
    )
    improvements_summary = _text(
        "The information about improvements",
        "Enter the information about improvements",
        rows=8,
        hint="The improvements that should be made, as the public will read them "
        "(PUBLISH-DEFAULT).",
    )
    uploaded_file = forms.FileField(
        label="A document with the information (optional)",
        required=False,
        help_text=f"A PDF, smaller than {MAX_REPORT_MEGABYTES}MB and without a password.",
        widget=PDF_ONLY,
    )


class TakeDownForm(GovukForm):
    submit_label = "Take the report down"
    reason = _text("Why is the report being taken down?", "Say why the report is being taken down")


class DepositSentForm(GovukForm):
    submit_label = "Record as sent"
    sent_on = GovukDateField(subject="the date it was sent", label="Date sent")
