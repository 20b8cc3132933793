"""Who may see and manage a review's publication (need to know, default deny). Predicates take
the review. The public pages of published reports need no permission."""

import rules

from cspr.reviews.permissions import can_view_review, runs

# Everyone who sees the review (business unit, safeguarding partners, its commissioned
# reviewer) sees how its publication stands; the business unit manages it.
can_view_publication = can_view_review
can_manage_publication = runs

rules.add_perm("publication.view", can_view_publication)
rules.add_perm("publication.manage", can_manage_publication)
