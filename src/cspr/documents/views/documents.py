"""The review's documents: the list, one document's versions and comments, uploads, and
downloads (each one audited)."""

from typing import Any

import rules
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views import View
from django.views.generic import FormView, TemplateView

from cspr.core.errors import DomainError
from cspr.documents import selectors
from cspr.documents.forms import CommentForm, DocumentAddForm, VersionAddForm
from cspr.documents.models import Document, DocumentComment, DocumentVersion
from cspr.documents.services import comments, uploads
from cspr.documents.views._base import DocumentsPageMixin, FormPageMixin


class DocumentListView(DocumentsPageMixin, TemplateView):
    permission_required = "documents.view"
    template_name = "documents/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review, user = self.review, self.user
        can_upload = rules.has_perm("documents.upload", user, review)
        rows = selectors.checklist_rows(review)
        context.update(
            title="Documents and the report",
            documents=selectors.documents_of(review),
            can_upload=can_upload,
            form=DocumentAddForm() if can_upload else None,
            checklist_done=sum(1 for row in rows if row.record is not None),
            checklist_total=len(rows),
            open_feedback=selectors.feedback_points(review).filter(closed_on__isnull=True).count(),
            can_checklist=rules.has_perm("documents.complete_checklist", user, review),
            can_anonymise=rules.has_perm("documents.anonymise", user, review),
            final_problems=[
                problem
                for check in selectors.FINAL_REPORT_CHECKS
                if (problem := check(review)) is not None
            ],
        )
        return context


class DocumentAddView(FormPageMixin, FormView):
    permission_required = "documents.upload"
    form_class = DocumentAddForm
    title = "Upload a document"
    success_message = "Document uploaded."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cancel_url=self.url("list"), **kwargs)

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        self.document = uploads.document_add(
            review=self.review,
            by=self.user,
            kind=data["kind"],
            title=data["title"],
            upload=data["file"],
        )
        return self.document

    def done_url(self) -> str:
        return self.url("detail", document_id=self.document.pk)


class DocumentDetailView(DocumentsPageMixin, TemplateView):
    permission_required = "documents.view"
    template_name = "documents/detail.html"

    def load(self) -> None:
        super().load()
        self.document = self.one(Document.objects.filter(review=self.review), "document_id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review, user = self.review, self.user
        versions = selectors.versions_with_comments(self.document)
        can_comment = rules.has_perm("documents.comment", user, review)
        context.update(
            document=self.document,
            versions=versions,
            latest=versions[0] if versions else None,
            can_upload=rules.has_perm("documents.upload", user, review),
            can_comment=can_comment,
            can_resolve=rules.has_perm("documents.resolve_comment", user, review),
            comment_form=CommentForm() if can_comment and versions else None,
        )
        return context


class VersionAddView(FormPageMixin, FormView):
    permission_required = "documents.upload"
    form_class = VersionAddForm
    success_message = "New version uploaded."

    def load(self) -> None:
        super().load()
        self.document = self.one(Document.objects.filter(review=self.review), "document_id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title=f"Upload a new version of {self.document.title}",
            cancel_url=self.done_url(),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return uploads.version_add(
            document=self.document, by=self.user, upload=form.cleaned_data["file"]
        )

    def done_url(self) -> str:
        return self.url("detail", document_id=self.document.pk)


class DownloadView(DocumentsPageMixin, View):
    """The only way to a stored file: the permission is checked and the download is written to
    the audit trail (``document.downloaded``, an export) before the file is sent."""

    permission_required = "documents.view"
    audit_verb = "document.downloaded"
    http_method_names = ["get"]

    def load(self) -> None:
        super().load()
        self.version = self.one(
            DocumentVersion.objects.filter(document__review=self.review).select_related("document"),
            "version_id",
        )

    def audited_object(self) -> DocumentVersion:
        return self.version

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        version = self.version
        response = FileResponse(
            version.file.open("rb"),
            as_attachment=True,
            filename=version.original_name,
            content_type=version.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class CommentAddView(FormPageMixin, FormView):
    permission_required = "documents.comment"
    form_class = CommentForm
    success_message = "Comment added."

    def load(self) -> None:
        super().load()
        self.version = self.one(
            DocumentVersion.objects.filter(document__review=self.review).select_related("document"),
            "version_id",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        document = self.version.document
        return super().get_context_data(
            title=f"Comment on version {self.version.number} of {document.title}",
            cancel_url=self.done_url(),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return comments.comment_add(
            version=self.version, by=self.user, text=form.cleaned_data["text"]
        )

    def done_url(self) -> str:
        return self.url("detail", document_id=self.version.document_id)


class CommentResolveView(DocumentsPageMixin, View):
    permission_required = "documents.resolve_comment"
    http_method_names = ["post"]

    def load(self) -> None:
        super().load()
        self.comment = self.one(
            DocumentComment.objects.filter(version__document__review=self.review).select_related(
                "version"
            ),
            "comment_id",
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            comments.comment_resolve(comment=self.comment, by=self.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Comment marked as resolved.")
        return HttpResponseRedirect(
            self.url("detail", document_id=self.comment.version.document_id)
        )
