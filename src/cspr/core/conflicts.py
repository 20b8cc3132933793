"""No lost updates, the page's half: when a second person saves a record someone else saved
after they opened it (the service raised ``StaleEdit``), the form comes back with what they
typed, a panel listing each field now different (its label, the saved value, theirs), and the
form's version moved on to the saved one, so that saving again keeps their values knowingly.

A form view that edits one versioned record uses :class:`EditConflictMixin` and names the
attribute that holds the record (``conflict_record = "entry"``); ``get_initial`` must give the
record's values in the form's terms, with its ``version``."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from cspr.core.errors import DomainError, StaleEdit

NOT_GIVEN = "Not given"
CONFLICT_MESSAGE = (
    "Someone else saved this after you opened it. Your changes have not been saved yet: "
    "compare them with what is saved now, then save again to keep yours."
)


@dataclass(frozen=True)
class Change:
    label: str
    theirs: str
    yours: str


def display(field: forms.Field, value: Any) -> str:
    """A value as a person would recognise it on the page: a choice's label, an agency's
    name, a date in words."""
    if isinstance(value, list | tuple | set | frozenset) or _is_queryset(value):
        shown = sorted(display(field, item) for item in value)
        return ", ".join(s for s in shown if s != NOT_GIVEN) or NOT_GIVEN
    plain = _plain(value)
    return plain if plain is not None else _chosen(field, value)


_FORMATS: tuple[tuple[type | tuple[type, ...], Any], ...] = (
    (bool, lambda v: "Yes" if v else "No"),
    (dt.datetime, lambda v: f"{v:%H:%M} on {v.day} {v:%B %Y}"),
    (dt.date, lambda v: f"{v.day} {v:%B %Y}"),
    (dt.time, lambda v: f"{v:%H:%M}"),
    (Model, str),
)


def _plain(value: Any) -> str | None:
    if value is None or value == "":
        return NOT_GIVEN
    for kind, show in _FORMATS:
        if isinstance(value, kind):
            return str(show(value))
    return None


def _chosen(field: forms.Field, value: Any) -> str:
    if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
        found = field.queryset.filter(pk=value).first()
        return str(found if found is not None else value)
    labels = dict(_flat(getattr(field, "choices", None) or ()))
    return " ".join(str(labels.get(value, value)).split())


def _is_queryset(value: Any) -> bool:
    return hasattr(value, "model") and hasattr(value, "filter")


def _flat(choices: Iterable[Any]) -> Iterable[tuple[Any, str]]:
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)
        else:
            yield key, str(label)
            yield str(key), str(label)


def changes(form: forms.BaseForm, saved: dict[str, Any]) -> list[Change]:
    """Each visible field whose saved value differs from what this person sent."""
    found = []
    for name, field in form.fields.items():
        if name == "version" or isinstance(field.widget, forms.HiddenInput):
            continue
        yours = display(field, form.cleaned_data.get(name))
        theirs = display(field, saved.get(name))
        if yours != theirs:
            found.append(Change(label=str(field.label or name), theirs=theirs, yours=yours))
    return found


class EditConflictMixin:
    """For a FormView editing one versioned record: a ``StaleEdit`` from the service shows
    the conflict (see the module's words). Views that run their service in ``form_valid``
    catch ``StaleEdit`` first and ``return self.edit_conflict(form, error)``;
    ``ServiceFormMixin`` does it for them."""

    request: HttpRequest
    # The view's attribute holding the record (``self.entry``), read again on a conflict.
    conflict_record = ""
    # The form's hidden field that says which save of the record the form was opened on.
    conflict_version_field = "version"

    def reload_record(self) -> Model | None:
        """Read the record again, where ``get_initial`` looks for it (``None``: it has gone,
        or was never made)."""
        if not self.conflict_record:
            raise TypeError(f"{type(self).__name__} must name its record (conflict_record)")
        record: Model = getattr(self, self.conflict_record)
        record.refresh_from_db()
        return record

    def edit_conflict(self, form: forms.BaseForm, error: DomainError) -> HttpResponse:
        view: Any = self
        record = self.reload_record()
        saved = view.get_initial()
        kwargs = view.get_form_kwargs()
        posted: Any = form.data  # a QueryDict
        data = posted.copy()
        version = self.conflict_version_field
        data[form.add_prefix(version)] = str(saved.get(version, ""))
        again = view.get_form_class()(**{**kwargs, "data": data, "files": form.files})
        found = changes(again, saved) if again.is_valid() else changes(form, saved)
        again.add_error(None, error.message if isinstance(error, StaleEdit) else CONFLICT_MESSAGE)
        context = view.get_context_data(
            form=again,
            conflict=found,
            conflict_saved_at=getattr(record, "updated_at", None),
        )
        response: HttpResponse = view.render_to_response(context)
        return response
