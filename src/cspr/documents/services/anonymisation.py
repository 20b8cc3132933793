"""The anonymisation check (REPORT-CONTENT: published reports are anonymised): the latest
version of the final report is searched for every name, date of birth, address and school
recorded in the case; the business unit clears each hit with a note; only then can the report
be cleared for publication. Hits are personal data: the audit trail gets counts and ids."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.core.errors import DomainError
from cspr.documents import selectors
from cspr.documents.matching import find
from cspr.documents.models import AnonymisationHit, AnonymisationScan
from cspr.documents.services._common import audit, locked
from cspr.documents.terms import terms_for
from cspr.documents.text import text_blocks
from cspr.reviews import workflow
from cspr.reviews.models import Review
from cspr.reviews.workflow import ReviewState

CHECKED_IN = {ReviewState.OPEN, ReviewState.REPORT_FINAL}
NO_TEXT = (
    "CSPR found no text in the final report. If it is a scanned image, upload the Word "
    "version, or a PDF saved from Word, and run the check again."
)


def anonymisation_scan(*, review: Review, by: User) -> AnonymisationScan:
    """Search the latest version of the final report (Word or PDF). A new version of the
    report later makes this check out of date (see ``selectors.publication_problems``)."""
    if review.state not in CHECKED_IN:
        raise DomainError("The report has already been cleared for publication.")
    version = selectors.latest_final_version(review)
    if version is None:
        raise DomainError("Upload the final report first.")
    with version.file.open("rb") as handle:
        data = handle.read()
    blocks = text_blocks(data, version.content_type)
    if not any(any(c.isalpha() for c in block.text) for block in blocks):
        raise DomainError(NO_TEXT)
    terms = terms_for(review)
    found = find(blocks, terms)
    with transaction.atomic():
        review = locked(review)
        if review.state not in CHECKED_IN:
            raise DomainError("The report has already been cleared for publication.")
        scan = AnonymisationScan.objects.create(
            review=review, version=version, created_by=by, terms_searched=len(terms)
        )
        AnonymisationHit.objects.bulk_create(
            AnonymisationHit(
                scan=scan,
                term_kind=hit.kind,
                term=hit.term[:300],
                context=hit.context,
                location=hit.location[:60],
            )
            for hit in found
        )
        audit(
            by,
            "anonymisation.checked",
            scan,
            review,
            version=version.pk,
            terms=len(terms),
            hits=len(found),
            hits_by_kind=dict(Counter(hit.kind for hit in found)),
        )
    return scan


@transaction.atomic
def hit_clear(*, hit: AnonymisationHit, by: User, note: str) -> AnonymisationHit:
    """The business unit has looked at the hit and it may stay ("a fictional name", "a public
    figure", "not about this family")."""
    hit = AnonymisationHit.objects.select_for_update().select_related("scan").get(pk=hit.pk)
    review = locked(hit.scan.review)
    if review.state not in CHECKED_IN:
        raise DomainError("The report has already been cleared for publication.")
    note = note.strip()
    if not note:
        raise DomainError("Say why this can stay in the published report.", field="note")
    if hit.is_cleared:
        raise DomainError("This hit has already been cleared.")
    latest = selectors.latest_scan(review)
    if latest is None or latest.pk != hit.scan_id:
        raise DomainError("This check has been run again since: clear the hits of the latest.")
    hit.cleared_by = by
    hit.cleared_on = timezone.localdate()
    hit.clearance_note = note
    hit.save(update_fields=["cleared_by", "cleared_on", "clearance_note", "updated_at"])
    audit(by, "anonymisation_hit.cleared", hit, review, scan=hit.scan_id)
    return hit


@transaction.atomic
def review_clear_for_publication(*, review: Review, by: User) -> Review:
    """The final report is anonymised: the latest check covers its latest version and every
    hit is cleared. The review is then ready to publish."""
    review = locked(review)
    review.state = workflow.next_state(review.state, "clear_for_publication")
    problems = selectors.publication_problems(review)
    if problems:
        raise DomainError(" ".join(problems))
    review.version += 1
    review.save(update_fields=["state", "version", "updated_at"])
    scan = selectors.latest_scan(review)
    audit(by, "review.cleared_for_publication", review, review, scan=scan.pk if scan else None)
    return review
