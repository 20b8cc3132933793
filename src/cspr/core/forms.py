"""The one GOV.UK form base. Every form in CSPR derives from :class:`GovukForm` or
:class:`GovukModelForm`; the page template ``core/form_page.html`` draws the error summary,
heading, fields and button, so a form page is a few lines."""

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size
from django import forms

from cspr.core.errors import DomainError


class GovukFormHelper(FormHelper):
    """crispy-forms-gds turns ``label_size`` into its CSS class only for forms with a layout;
    this does it for every form."""

    def get_attributes(self, template_pack: Any = None) -> dict[str, Any]:
        items: dict[str, Any] = super().get_attributes(template_pack or "gds")
        if self.label_size:
            items["label_size"] = Size.for_label(self.label_size)
        if self.legend_size:
            items["legend_size"] = Size.for_legend(self.legend_size)
        return items


class GovukFormMixin:
    """Attaches a crispy-forms-gds helper: labels sized for one-question-per-page forms,
    no ``<form>`` tag (the page template owns it, with ``novalidate``)."""

    submit_label = "Save"
    label_size: str | None = Size.SMALL
    # A form sent by GET (filters) must not put the CSRF token in the address.
    sent_by_get = False

    helper: FormHelper

    def setup_helper(self) -> None:
        self.helper = GovukFormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = self.sent_by_get
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
