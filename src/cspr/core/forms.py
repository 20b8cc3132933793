"""The one GOV.UK form base. Every form in CSPR derives from :class:`GovukForm` or
:class:`GovukModelForm`; the page template ``core/form_page.html`` draws the error summary,
heading, fields and button, so a form page is a few lines."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms

from cspr.core.errors import DomainError


class GovukFormMixin:
    """Attaches a crispy-forms-gds helper: labels sized for one-question-per-page forms,
    no ``<form>`` tag (the page template owns it, with ``novalidate``)."""

    submit_label = "Save"
    label_size: str | None = Size.SMALL

    helper: FormHelper

    def setup_helper(self) -> None:
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = self.label_size
        self.helper.legend_size = self.label_size

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's refusal in the error summary, keeping what the user typed."""
        form: Any = self
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)


class GovukForm(GovukFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()
