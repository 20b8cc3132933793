"""Under ``p/<partnership_slug>/cases/<reference>/review/chronology/``: URL keywords are
``partnership_slug``, ``reference`` and, for one entry, ``entry_id``."""

from django.urls import path

from cspr.chronology import views

app_name = "chronology"

urlpatterns = [
    path("", views.ChronologyView.as_view(), name="list"),
    path("add/", views.EntryAddView.as_view(), name="add"),
    path("entries/<int:entry_id>/change/", views.EntryEditView.as_view(), name="edit"),
    path("entries/<int:entry_id>/delete/", views.EntryDeleteView.as_view(), name="delete"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("template.csv", views.TemplateCsvView.as_view(), name="template-csv"),
    path("template.xlsx", views.TemplateXlsxView.as_view(), name="template-xlsx"),
    path("export.xlsx", views.ExcelExportView.as_view(), name="export-xlsx"),
    path("export.pdf", views.PdfExportView.as_view(), name="export-pdf"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
]
