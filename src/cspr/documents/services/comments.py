"""Comments on a version of a document, and marking them resolved."""

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.documents.models import DocumentComment, DocumentVersion
from cspr.documents.services._common import audit


@transaction.atomic
def comment_add(*, version: DocumentVersion, by: User, text: str) -> DocumentComment:
    text = text.strip()
    if not text:
        raise DomainError("Enter your comment.", field="text")
    comment = DocumentComment.objects.create(version=version, author=by, text=text)
    review = version.document.review
    audit(by, "document_comment.added", comment, review, version=version.pk)
    return comment


@transaction.atomic
def comment_resolve(*, comment: DocumentComment, by: User) -> DocumentComment:
    comment = DocumentComment.objects.select_for_update().get(pk=comment.pk)
    if comment.resolved_at is not None:
        raise DomainError("This comment has already been resolved.")
    comment.resolved_at = timezone.now()
    comment.resolved_by = by
    comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    review = comment.version.document.review
    audit(by, "document_comment.resolved", comment, review, version=comment.version_id)
    return comment
