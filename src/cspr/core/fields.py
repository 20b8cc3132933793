"""Form fields shared by every form."""

import datetime as dt
from typing import Any

from crispy_forms_gds.fields import DateInputField
from django.core.exceptions import ValidationError


class GovukDateField(DateInputField):
    """The GOV.UK date input (day, month, year) with the Design System's error messages,
    worded for what the date is: ``GovukDateField(subject="the date the clock starts")``."""

    def __init__(self, *, subject: str, **kwargs: Any) -> None:
        kwargs.setdefault("require_all_fields", False)
        super().__init__(**kwargs)
        capital = subject[0].upper() + subject[1:]
        self.error_messages.update(
            required=f"Enter {subject}",
            incomplete=f"Enter {subject} as a day, month and year",
            invalid=f"{capital} must be a real date",
        )
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.error_messages["incomplete"] = f"{capital} must include a {part}"
            field.validators[0].message = f"{capital} must be a real date"
        self.subject = capital

    def compress(self, data_list: Any) -> dt.date | None:
        try:
            result: dt.date | None = super().compress(data_list)
        except ValidationError as error:
            raise ValidationError(f"{self.subject} must be a real date", code="invalid") from error
        return result
