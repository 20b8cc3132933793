"""The checklists the Rapid Review group answers (CRIT-LOCAL, regulation 11; CRIT-NATIONAL,
regulation 3; SOURCES.md §4.2 and §4.3), and the outcomes it can recommend (OUTCOME)."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Criterion:
    key: str
    rule: str
    text: str


LOCAL_CRITERIA = (
    Criterion(
        "local_a",
        "CRIT-LOCAL (a)",
        "Highlights or may highlight improvements needed to "
        "safeguard and promote the welfare of children, including ones already identified",
    ),
    Criterion(
        "local_b",
        "CRIT-LOCAL (b)",
        "Highlights or may highlight recurrent themes in the "
        "safeguarding and promotion of the welfare of children",
    ),
    Criterion(
        "local_c",
        "CRIT-LOCAL (c)",
        "Highlights or may highlight concerns about two or "
        "more agencies working together effectively",
    ),
    Criterion(
        "local_d",
        "CRIT-LOCAL (d)",
        "The Panel has considered it and concluded a local review may be more appropriate",
    ),
    Criterion("local_single_agency", "CRIT-LOCAL, also recorded", "Concern about a single agency"),
    Criterion("local_no_agency", "CRIT-LOCAL, also recorded", "No agency was involved"),
    Criterion("local_more_areas", "CRIT-LOCAL, also recorded", "More than one area is involved"),
    Criterion("local_institutional", "CRIT-LOCAL, also recorded", "An institutional setting"),
)

NATIONAL_CRITERIA = (
    Criterion(
        "national_a",
        "CRIT-NATIONAL (a)",
        "Highlights or may highlight improvements needed, including ones already identified",
    ),
    Criterion(
        "national_b",
        "CRIT-NATIONAL (b)",
        "Raises or may raise issues needing changes to law or guidance",
    ),
    Criterion("national_c", "CRIT-NATIONAL (c)", "Highlights or may highlight recurrent themes"),
    Criterion(
        "national_complex", "CRIT-NATIONAL, the Panel's", "Complex or of national importance"
    ),
    Criterion(
        "national_home_educated",
        "CRIT-NATIONAL, the Panel's",
        "A child educated other than at school",
    ),
    Criterion(
        "national_looked_after_or_plan",
        "CRIT-NATIONAL, the Panel's",
        "A child looked after, or on (or recently off) a child protection plan",
    ),
    Criterion("national_several_abuse", "CRIT-NATIONAL, the Panel's", "Several types of abuse"),
)

ALL_CRITERIA = {c.key: c for c in (*LOCAL_CRITERIA, *NATIONAL_CRITERIA)}


class Outcome(models.TextChoices):
    """OUTCOME: meeting the criteria never makes a review automatic; every outcome needs a
    written rationale."""

    LOCAL_CSPR = "local_cspr", "Local child safeguarding practice review"
    NATIONAL_REVIEW = "national_review", "National review (with a local contribution)"
    LOCAL_LEARNING_REVIEW = "local_learning_review", "Local learning review"
    SINGLE_AGENCY_REVIEW = "single_agency_review", "Single-agency review"
    MULTI_AGENCY_AUDIT = "multi_agency_audit", "Multi-agency audit"
    NO_FURTHER_REVIEW = "no_further_review", "No further review"


NEXT_STEPS = {
    Outcome.LOCAL_CSPR: "A local child safeguarding practice review will be commissioned. "
    "Agencies will be asked for chronologies and to take part in the review.",
    Outcome.NATIONAL_REVIEW: "The Panel will carry out a national review. The partnership will "
    "contribute local information when asked.",
    Outcome.LOCAL_LEARNING_REVIEW: "A local learning review will be run. Agencies involved will be "
    "asked to take part.",
    Outcome.SINGLE_AGENCY_REVIEW: "The agency concerned will carry out its own review and share "
    "its learning with the partnership.",
    Outcome.MULTI_AGENCY_AUDIT: "A multi-agency audit will look at the practice concerned.",
    Outcome.NO_FURTHER_REVIEW: "No further review will be carried out. The learning identified "
    "in the Rapid Review will be shared.",
}
