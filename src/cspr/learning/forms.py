"""Forms for the learning library: validation only; services decide."""

from typing import Any

from crispy_forms_gds.choices import Choice
from django import forms
from django.utils import timezone

from cspr.core.forms import GovukForm
from cspr.documents.filetypes import MAX_UPLOAD_SIZE
from cspr.learning.importing import EARLIEST_YEAR
from cspr.learning.models import AgeGroup, Facet, ItemTheme, LearningItem, ReviewType, Theme
from cspr.learning.selectors import FilterOptions
from cspr.learning.services.uploads import MAX_FILES_IN_A_BATCH

# Search -------------------------------------------------------------------------------------


class LibrarySearchForm(GovukForm):
    """The public search page's form, sent by GET so a search can be bookmarked and shared."""

    submit_label = "Search"
    sent_by_get = True
    q = forms.CharField(
        label="Search the learning library",
        required=False,
        max_length=200,
        error_messages={"max_length": "Search for 200 characters or fewer"},
    )
    theme = forms.ChoiceField(label="Theme", required=False)
    review_type = forms.MultipleChoiceField(
        label="Type of review",
        required=False,
        choices=ReviewType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    age_group = forms.MultipleChoiceField(
        label="Child's age",
        required=False,
        choices=AgeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)
    partnership = forms.ChoiceField(label="Partnership", required=False)

    def __init__(self, *args: Any, options: FilterOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme: Any = self.fields["theme"]
        groups: dict[str, list[tuple[str, str]]] = {facet.label: [] for facet in Facet}
        for item in options.themes:
            groups[Facet(item.facet).label].append((item.slug, item.name))
        theme.choices = [("", "Any theme"), *((k, v) for k, v in groups.items() if v)]
        year: Any = self.fields["year"]
        year.choices = [("", "Any year"), *((y, str(y)) for y in options.years)]
        partnership: Any = self.fields["partnership"]
        partnership.choices = [("", "Any partnership"), *((s, s) for s in options.sources)]


# Uploads ------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the service, by its content."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".pdf,.docx", "class": "govuk-file-upload"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(one, initial) for one in data if one] or single(None, initial)
        return [single(data, initial)]


class UploadForm(GovukForm):
    submit_label = "Upload and read the files"
    uploads = MultipleFileField(
        label="Reviews or learning summaries",
        help_text=(
            f"PDF or Word (.docx) files, up to {MAX_UPLOAD_SIZE // (1024 * 1024)} MB each and "
            f"{MAX_FILES_IN_A_BATCH} at a time. You can select several files at once."
        ),
        error_messages={"required": "Select one or more PDF or Word files"},
    )


# Completing an item ---------------------------------------------------------------------------


def _reasons(reasons: list[str]) -> str:
    quoted = ", ".join(f"“{reason}”" for reason in reasons)
    return f"Suggested because the text mentions {quoted}."


def confirmed_theme_values(rows: list[ItemTheme]) -> list[str]:
    """The item's confirmed themes as the form's "themes" field holds them."""
    return [str(row.theme_id) for row in rows if row.is_confirmed]


class ItemForm(GovukForm):
    """An item's details and its themes. Themes CSPR suggested come first, with the words
    that suggested them; every other theme in use can be chosen too, by facet."""

    submit_label = "Save"
    title = forms.CharField(
        label="Title",
        max_length=300,
        help_text="As the review is published. Never a child's real name.",
        error_messages={"required": "Enter the title"},
    )
    source_name = forms.CharField(
        label="Partnership",
        max_length=200,
        help_text="The partnership (or other body) whose review or learning this is.",
        error_messages={"required": "Enter the partnership"},
    )
    year = forms.IntegerField(
        label="Year it was published",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={"invalid": "Enter the year as 4 digits, for example 2024"},
    )
    review_type = forms.ChoiceField(
        label="Type of review",
        required=False,
        choices=ReviewType.choices,
        widget=forms.RadioSelect,
    )
    age_group = forms.ChoiceField(
        label="Child's age",
        choices=AgeGroup.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's age, or Not known"},
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What happened and what the review found, in a few sentences. Shown in the "
        "search results.",
    )
    key_learning = forms.CharField(
        label="Key learning (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The main points for practitioners, one a line.",
    )
    url = forms.URLField(
        label="Address of the published review (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, for example https://www.example.org"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, item: LearningItem, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows: list[ItemTheme] = getattr(item, "all_themes", [])
        listed = {row.theme_id for row in rows}
        suggested = [row for row in rows if row.reasons or row.is_confirmed]
        suggested.sort(key=lambda row: (not row.reasons, -row.score, row.theme.name))
        if suggested:
            self.fields["themes"] = self._suggested_field(suggested)
        self.facet_fields: list[str] = []
        for facet in Facet:
            choices = [
                (str(t.pk), t.name) for t in themes if t.facet == facet and t.pk not in listed
            ]
            if not choices:
                continue
            name = f"more_{facet.value}"
            self.fields[name] = forms.MultipleChoiceField(
                label=f"Other themes: {facet.label.lower()}",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=choices,
            )
            self.facet_fields.append(name)
        if self.is_bound:
            self.data = self._as_laid_out_now(self.data, {str(row.theme_id) for row in suggested})
        else:
            self.initial.setdefault("themes", confirmed_theme_values(rows))

    def _as_laid_out_now(self, data: Any, own: set[str]) -> Any:
        """A theme ticked among the other themes that has since become one of the item's own
        (someone else confirmed it meanwhile) is moved to the suggested themes, where the
        form now shows it, so that the choice is neither refused nor lost."""
        if not own or not hasattr(data, "getlist"):
            return data
        moved = [
            value
            for name in (f"more_{facet.value}" for facet in Facet)
            for value in data.getlist(self.add_prefix(name))
            if value in own
        ]
        if not moved:
            return data
        data = data.copy()
        chosen = data.getlist(self.add_prefix("themes"))
        data.setlist(self.add_prefix("themes"), chosen + [v for v in moved if v not in chosen])
        for facet in Facet:
            name = self.add_prefix(f"more_{facet.value}")
            data.setlist(name, [v for v in data.getlist(name) if v not in own])
        return data

    @staticmethod
    def _suggested_field(suggested: list[ItemTheme]) -> forms.MultipleChoiceField:
        return forms.MultipleChoiceField(
            label="Suggested themes",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Select the themes this review is about. A theme is shown in the "
            "library only once you confirm it here.",
            choices=[
                Choice(
                    str(row.theme_id),
                    row.theme.name,
                    hint=_reasons(row.reasons) if row.reasons else "Confirmed earlier.",
                )
                for row in suggested
            ],
        )

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("year")
        this_year = timezone.localdate().year
        if year is not None and not EARLIEST_YEAR <= year <= this_year:
            raise forms.ValidationError(f"The year must be between {EARLIEST_YEAR} and {this_year}")
        return year

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "source_name": data["source_name"].strip(),
            "year": data["year"],
            "review_type": data["review_type"] or "",
            "summary": data["summary"].strip(),
            "key_learning": data["key_learning"].strip(),
            "url": data["url"],
            "age_group": data["age_group"],
        }

    def theme_ids(self) -> list[int]:
        chosen = list(self.cleaned_data.get("themes") or [])
        for name in self.facet_fields:
            chosen.extend(self.cleaned_data.get(name) or [])
        return sorted({int(value) for value in chosen})
