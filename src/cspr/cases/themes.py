"""The themes a person confirms for a case, with CSPR's suggestions from what the case records
so far (CRIT-LOCAL (a) and (b): so the group can read the case against earlier ones)."""

from collections.abc import Iterable

from django.db import transaction

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases.models import Case, CaseTheme
from cspr.learning.models import Theme
from cspr.learning.ordering import theme_order
from cspr.learning.suggestions import ThemeSuggestion, suggest_themes
from cspr.rapid_reviews.models import RapidReview, ScopingReturn
from cspr.rapid_reviews.workflow import ReturnState

RAPID_REVIEW_TEXT = ("facts", "improvements", "learning_identified", "rationale")
RETURN_TEXT = ("involvement", "strengths", "concerns", "actions_taken", "learning")


def case_text(case: Case) -> str:
    """What the case records in words: its outline, the Rapid Review's sections and the
    submitted scoping returns (two queries). Never the child's identity."""
    parts = [case.case_outline]
    rapid_review = RapidReview.objects.filter(case=case).values(*RAPID_REVIEW_TEXT).first()
    if rapid_review:
        parts.extend(rapid_review.values())
    returns = ScopingReturn.objects.filter(
        invitation__rapid_review__case=case, state=ReturnState.SUBMITTED
    ).values_list(*RETURN_TEXT)
    for row in returns:
        parts.extend(row)
    return "\n\n".join(part for part in parts if part)


def case_theme_suggestions(case: Case) -> list[ThemeSuggestion]:
    return suggest_themes(case_text(case))


def confirmed_themes(case: Case) -> list[Theme]:
    themes = [ct.theme for ct in CaseTheme.objects.filter(case=case).select_related("theme")]
    return sorted(themes, key=theme_order)


@transaction.atomic
def case_themes_confirm(*, case: Case, themes: Iterable[Theme], by: User) -> list[Theme]:
    """Replace the case's themes with those the person confirmed."""
    chosen = {theme.pk: theme for theme in themes}
    current = set(CaseTheme.objects.filter(case=case).values_list("theme_id", flat=True))
    removed = current - chosen.keys()
    added = chosen.keys() - current
    CaseTheme.objects.filter(case=case, theme_id__in=removed).delete()
    CaseTheme.objects.bulk_create(
        CaseTheme(case=case, theme=chosen[pk], confirmed_by=by) for pk in sorted(added)
    )
    audit_record(
        by=by,
        verb="case.themes_confirmed",
        obj=case,
        partnership_id=case.partnership_id,
        data={
            "added": sorted(chosen[pk].slug for pk in added),
            "removed": sorted(removed),
        },
    )
    return sorted(chosen.values(), key=theme_order)
