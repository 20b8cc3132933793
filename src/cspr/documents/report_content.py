"""What a final report must and should contain (REPORT-CONTENT; SOURCES.md §3.4), as data: the
checklist the business unit completes with where each item is in the report."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class ContentItem:
    key: str
    text: str
    short: str  # for "say where the report covers ..." messages
    statutory: bool


REPORT_CONTENT = (
    ContentItem(
        "improvements",
        "A summary of recommended improvements",
        "the summary of improvements",
        statutory=True,
    ),
    ContentItem(
        "systemic_analysis",
        "An analysis of the systemic or underlying reasons why actions were or were not taken",
        "the systemic analysis",
        statutory=True,
    ),
    ContentItem(
        "terms_of_reference",
        "The terms of reference and the period the review looked at",
        "the terms of reference",
        statutory=False,
    ),
    ContentItem("methodology", "The methodology", "the methodology", statutory=False),
    ContentItem(
        "participation",
        "How practitioners and the family, surviving children included, took part",
        "how practitioners and the family took part",
        statutory=False,
    ),
    ContentItem("good_practice", "Good practice found", "good practice", statutory=False),
    ContentItem(
        "family_context",
        "An analysis of the family's context, including race, culture, disability and other "
        "protected characteristics",
        "the family's context",
        statutory=False,
    ),
)

ITEMS = {item.key: item for item in REPORT_CONTENT}


class ContentKey(models.TextChoices):
    IMPROVEMENTS = "improvements", "Summary of recommended improvements"
    SYSTEMIC_ANALYSIS = "systemic_analysis", "Systemic analysis"
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    METHODOLOGY = "methodology", "Methodology"
    PARTICIPATION = "participation", "How practitioners and the family took part"
    GOOD_PRACTICE = "good_practice", "Good practice"
    FAMILY_CONTEXT = "family_context", "The family's context"
