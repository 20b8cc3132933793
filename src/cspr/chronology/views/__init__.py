"""Pages of the chronology: the merged view and the timeline (``pages``), entries one at a time
(``entries``), and files in and out (``files``). Thin: forms validate, services write,
selectors read."""

from cspr.chronology.views.entries import EntryAddView, EntryDeleteView, EntryEditView
from cspr.chronology.views.files import (
    ExcelExportView,
    ImportView,
    PdfExportView,
    TemplateCsvView,
    TemplateXlsxView,
)
from cspr.chronology.views.pages import ChronologyView, TimelineView

__all__ = [
    "ChronologyView",
    "EntryAddView",
    "EntryDeleteView",
    "EntryEditView",
    "ExcelExportView",
    "ImportView",
    "PdfExportView",
    "TemplateCsvView",
    "TemplateXlsxView",
    "TimelineView",
]
