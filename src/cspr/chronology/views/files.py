"""Files in and out: importing a spreadsheet, the blank template, and the Excel and PDF
exports. Every download is written to the audit trail as an export (the page mixin records
the GET with the view's ``audit_verb``)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView

from cspr.chronology import exports, services
from cspr.chronology.access import ChronologyPageMixin, chronology_url
from cspr.chronology.forms import ImportForm
from cspr.chronology.selectors import addable_agencies, chronology_entries
from cspr.chronology.spreadsheets import (
    COLUMNS,
    CSV_TYPE,
    MAX_IMPORT_MEGABYTES,
    XLSX_TYPE,
    ImportRefused,
)
from cspr.chronology.views.pages import saved_filters
from cspr.core.documents import PDF_TYPE, download
from cspr.core.errors import DomainError
from cspr.partnerships.models import Agency

# The error summary lists this many of a file's problems, then says how many more there are.
ERRORS_SHOWN = 50


class ImportView(ChronologyPageMixin, FormView):
    permission_required = "chronology.add"
    audit_verb = "chronology_import_form.viewed"
    template_name = "chronology/import.html"
    form_class = ImportForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["agencies"] = addable_agencies(user=self.user, review=self.review)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        agencies = list(addable_agencies(user=self.user, review=self.review)[:2])
        return {"agency": agencies[0]} if len(agencies) == 1 else {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        errors: list[str] = kwargs.pop("file_errors", [])
        return super().get_context_data(
            title="Import entries from a spreadsheet",
            columns=COLUMNS,
            max_megabytes=MAX_IMPORT_MEGABYTES,
            file_errors=errors[:ERRORS_SHOWN],
            more_errors=max(len(errors) - ERRORS_SHOWN, 0),
            **kwargs,
        )

    def form_valid(self, form: ImportForm) -> HttpResponse:
        agency: Agency = form.cleaned_data["agency"]
        try:
            batch = services.chronology_import(
                review=self.review,
                by=self.user,
                agency=agency,
                uploaded_file=form.cleaned_data["file"],
            )
        except ImportRefused as refused:
            form.add_domain_error(refused)
            errors = refused.errors if len(refused.errors) > 1 else []
            return self.render_to_response(self.get_context_data(form=form, file_errors=errors))
        except DomainError as error:
            form.add_domain_error(error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{batch.rows:,} entr{'y' if batch.rows == 1 else 'ies'} imported for {agency.name}.",
        )
        return HttpResponseRedirect(chronology_url(self.review))


class TemplateCsvView(ChronologyPageMixin, View):
    permission_required = "chronology.add"
    audit_verb = "chronology_template.downloaded"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return download(
            services.chronology_template_csv(),
            filename="chronology-template.csv",
            content_type=CSV_TYPE,
        )


class TemplateXlsxView(ChronologyPageMixin, View):
    permission_required = "chronology.add"
    audit_verb = "chronology_template.downloaded"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return download(
            services.chronology_template_xlsx(),
            filename="chronology-template.xlsx",
            content_type=XLSX_TYPE,
        )


class _ExportView(ChronologyPageMixin, View):
    """The chronology as filtered on its page, as a file."""

    permission_required = "chronology.view"
    audit_verb = "chronology.exported"

    def heading(self) -> exports.ExportHeading:
        filters = saved_filters(self.request, self.review)
        agency = Agency.objects.filter(pk=filters.agency_id).first() if filters.agency_id else None
        return exports.ExportHeading(
            partnership=self.partnership.name,
            case=f"{self.case.reference}, {self.case.pseudonym}",
            exported_at=timezone.localtime(),
            exported_by=self.user.full_name,
            filters=exports.describe_filters(filters, agency.name if agency else ""),
        )

    def entries(self) -> Any:
        filters = saved_filters(self.request, self.review)
        return chronology_entries(user=self.user, review=self.review, filters=filters)

    def filename(self, extension: str) -> str:
        return f"{self.case.reference}-chronology.{extension}"


class ExcelExportView(_ExportView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        content = exports.chronology_xlsx(self.entries(), self.heading())
        return download(content, filename=self.filename("xlsx"), content_type=XLSX_TYPE)


class PdfExportView(_ExportView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        content = exports.chronology_pdf(self.entries(), self.heading())
        return download(content, filename=self.filename("pdf"), content_type=PDF_TYPE)
