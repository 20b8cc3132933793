"""Forms for documents: validation only; services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from cspr.core.forms import GovukForm
from cspr.documents.filetypes import MAX_UPLOAD_SIZE
from cspr.documents.models import DocumentKind, DocumentVersion, FeedbackSource
from cspr.documents.selectors import ChecklistRow

FILE_HINT = (
    f"A PDF, Word, Excel or OpenDocument file, or an image, up to "
    f"{MAX_UPLOAD_SIZE // (1024 * 1024)} MB. The final report must be a Word document (.docx) "
    "or a PDF. Files with macros are not accepted."
)
ACCEPT = ".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"


def file_field() -> forms.FileField:
    return forms.FileField(
        label="File",
        help_text=FILE_HINT,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )


class DocumentAddForm(GovukForm):
    submit_label = "Upload"
    kind = forms.ChoiceField(
        label="What is it",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of document it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Draft report for the partners, or Minutes of the panel, "
        "12 May. Do not use the child's name.",
        error_messages={"required": "Enter a title for the document"},
    )
    file = file_field()


class VersionAddForm(GovukForm):
    submit_label = "Upload the new version"
    file = file_field()


class CommentForm(GovukForm):
    submit_label = "Add the comment"
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your comment"},
    )


class ChecklistForm(GovukForm):
    """One pointer for each item of REPORT-CONTENT."""

    submit_label = "Save the checklist"

    def __init__(self, *args: Any, rows: list[ChecklistRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            hint = "Where the report covers it: for example, section 4, pages 12 to 15."
            if row.record is not None:
                on = row.record.completed_on
                hint = f"Recorded by {row.record.completed_by.full_name} on {on.day} {on:%B %Y}."
            label = row.item.text + (" (required by the regulations)" if row.item.statutory else "")
            self.fields[row.item.key] = forms.CharField(
                label=label, required=False, max_length=300, help_text=hint
            )
        # The checklist as it was when the page was opened (selectors.checklist_state).
        self.fields["version"] = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def pointers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in self.fields if key != "version"}


class FeedbackAddForm(GovukForm):
    submit_label = "Add the point"
    source = forms.ChoiceField(
        label="Whose feedback is it",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose feedback it is"},
    )
    version = forms.ModelChoiceField(
        label="The version it is about (optional)",
        queryset=DocumentVersion.objects.none(),
        required=False,
        empty_label="Not about one version",
    )
    point = forms.CharField(
        label="The point",
        help_text="One point of feedback. Add each point on its own, so each can be closed.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the point of feedback"},
    )

    def __init__(
        self,
        *args: Any,
        sources: list[tuple[str, str]],
        versions: QuerySet[DocumentVersion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        source: Any = self.fields["source"]
        source.choices = sources
        version: Any = self.fields["version"]
        version.queryset = versions
        version.label_from_instance = lambda v: f"{v.document.title}, version {v.number}"


class FeedbackRespondForm(GovukForm):
    submit_label = "Save the response"
    response = forms.CharField(
        label="How the report answers the point",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the response to the point"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class HitClearForm(GovukForm):
    submit_label = "Clear this hit"
    note = forms.CharField(
        label="Why this can stay in the published report",
        help_text="For example: a fictional name is used; a public figure; not about this "
        "family; a false match.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why this can stay in the published report"},
    )


SOURCES_FOR_PARTNERS = [(FeedbackSource.PARTNERS.value, FeedbackSource.PARTNERS.label)]
