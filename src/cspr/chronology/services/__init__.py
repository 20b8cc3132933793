"""Writes for the chronology: entries one at a time (``entries``) and whole files
(``importing``). Each runs in one transaction and writes its audit event."""

from cspr.chronology.services.entries import (
    chronology_entry_add,
    chronology_entry_delete,
    chronology_entry_update,
)
from cspr.chronology.services.importing import chronology_import
from cspr.chronology.spreadsheets import template_csv as chronology_template_csv
from cspr.chronology.spreadsheets import template_xlsx as chronology_template_xlsx

__all__ = [
    "chronology_entry_add",
    "chronology_entry_delete",
    "chronology_entry_update",
    "chronology_import",
    "chronology_template_csv",
    "chronology_template_xlsx",
]
