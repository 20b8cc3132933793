"""Who may see and act on a review's documents (need to know, default deny). Predicates take
the review.

* See documents, download them, read the feedback: those who see the review (the business
  unit, the safeguarding partners, the commissioned reviewer).
* Upload documents and new versions: the business unit and the commissioned reviewer.
* Comment on a version: anyone who sees the review (the partners comment on drafts); mark a
  comment resolved: the business unit and the reviewer, who act on comments.
* The REPORT-CONTENT checklist, the anonymisation check and its clearances: the business unit.
* Quality feedback: the business unit records points (the partners' and the Panel's) and
  closes them; a safeguarding partner may add the partners' points themselves; the business
  unit and the reviewer record the response to a point.
"""

import rules

from cspr.reviews.permissions import (
    can_view_review,
    can_write_review,
    is_partner,
    runs,
)

rules.add_perm("documents.view", can_view_review)
rules.add_perm("documents.upload", can_write_review)
rules.add_perm("documents.comment", can_view_review)
rules.add_perm("documents.resolve_comment", can_write_review)
rules.add_perm("documents.complete_checklist", runs)
rules.add_perm("documents.add_feedback", runs | is_partner)
rules.add_perm("documents.respond_feedback", can_write_review)
rules.add_perm("documents.close_feedback", runs)
rules.add_perm("documents.anonymise", runs)
