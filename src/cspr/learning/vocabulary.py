"""The controlled vocabulary of themes (SOURCES.md §6.3), in its four facets.

This is the seed: administrators can rename, describe, retire and add themes afterwards, so the
database, not this list, is the vocabulary in use. ``cues`` are the words and phrases that make
CSPR suggest the theme for a text (see :mod:`cspr.learning.suggestions`).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedTheme:
    facet: str
    slug: str
    name: str
    cues: tuple[str, ...]


HARM = "harm"
CHILD = "child"
FAMILY = "family"
PRACTICE = "practice"

FACETS: tuple[tuple[str, str], ...] = (
    (HARM, "Harm or incident"),
    (CHILD, "Child"),
    (FAMILY, "Family and context"),
    (PRACTICE, "Practice"),
)

SEED: tuple[SeedTheme, ...] = (
    # Harm / incident type
    SeedTheme(
        HARM,
        "physical-abuse",
        "Physical abuse or non-accidental injury",
        ("non-accidental injury", "physical abuse", "fracture", "bruising", "head injury"),
    ),
    SeedTheme(HARM, "neglect", "Neglect", ("neglect", "neglected", "poor home conditions")),
    SeedTheme(HARM, "emotional-abuse", "Emotional abuse", ("emotional abuse", "emotional harm")),
    SeedTheme(
        HARM,
        "sexual-abuse",
        "Sexual abuse within the family",
        ("sexual abuse", "intrafamilial sexual abuse"),
    ),
    SeedTheme(
        HARM,
        "child-sexual-exploitation",
        "Child sexual exploitation",
        ("child sexual exploitation", "sexual exploitation", "CSE"),
    ),
    SeedTheme(
        HARM,
        "child-criminal-exploitation",
        "Child criminal exploitation or county lines",
        ("criminal exploitation", "county lines", "CCE", "drug dealing"),
    ),
    SeedTheme(
        HARM,
        "extrafamilial-harm",
        "Extrafamilial harm, serious youth violence or homicide",
        (
            "extrafamilial harm",
            "serious youth violence",
            "knife crime",
            "stabbing",
            "contextual safeguarding",
        ),
    ),
    SeedTheme(
        HARM,
        "sudi-unsafe-sleep",
        "Sudden unexpected death in infancy or unsafe sleep",
        ("SUDI", "unsafe sleep", "co-sleeping", "sudden unexpected death", "safer sleep"),
    ),
    SeedTheme(
        HARM,
        "suicide",
        "Suicide",
        ("suicide", "took their own life", "took his own life", "took her own life"),
    ),
    SeedTheme(HARM, "self-harm", "Self-harm", ("self-harm", "self harm", "overdose")),
    SeedTheme(HARM, "online-harm", "Online harm", ("online", "social media", "internet")),
    SeedTheme(
        HARM,
        "fabricated-illness",
        "Fabricated or induced illness",
        ("fabricated or induced illness", "FII", "perplexing presentations"),
    ),
    SeedTheme(
        HARM,
        "harmful-sexual-behaviour",
        "Harmful sexual behaviour",
        ("harmful sexual behaviour", "HSB"),
    ),
    SeedTheme(
        HARM,
        "fgm-honour-based-abuse",
        "FGM or honour-based abuse",
        ("female genital mutilation", "FGM", "honour-based", "forced marriage"),
    ),
    # Child characteristics
    SeedTheme(
        CHILD,
        "infant",
        "Infant or pre-mobile baby",
        ("infant", "baby", "babies", "pre-mobile", "newborn", "under one"),
    ),
    SeedTheme(
        CHILD,
        "adolescent",
        "Adolescent",
        ("adolescent", "teenager", "young person", "young people"),
    ),
    SeedTheme(
        CHILD,
        "disabled-child",
        "Disabled or complex health needs",
        ("disabled", "disability", "complex health needs", "special educational needs"),
    ),
    SeedTheme(
        CHILD,
        "child-mental-health",
        "Child's mental health needs",
        ("CAMHS", "mental health of the child", "emotional wellbeing"),
    ),
    SeedTheme(
        CHILD,
        "looked-after",
        "Looked after child or care leaver",
        ("looked after", "in care", "care leaver", "foster", "children's home"),
    ),
    SeedTheme(
        CHILD,
        "not-in-school",
        "Not in school or absent",
        (
            "elective home education",
            "home educated",
            "missing education",
            "exclusion",
            "absent from school",
            "school attendance",
        ),
    ),
    SeedTheme(CHILD, "young-carer", "Young carer", ("young carer",)),
    SeedTheme(
        CHILD,
        "black-asian-mixed-heritage",
        "Black, Asian and mixed heritage",
        ("black", "mixed heritage", "asian", "racism"),
    ),
    SeedTheme(
        CHILD, "gypsy-roma-traveller", "Gypsy, Roma and Traveller", ("gypsy", "roma", "traveller")
    ),
    # Family and context
    SeedTheme(
        FAMILY,
        "domestic-abuse",
        "Domestic abuse",
        ("domestic abuse", "domestic violence", "coercive control", "MARAC"),
    ),
    SeedTheme(
        FAMILY,
        "parental-mental-health",
        "Parental mental health",
        (
            "parental mental health",
            "maternal mental health",
            "postnatal depression",
            "mother's mental health",
            "father's mental health",
        ),
    ),
    SeedTheme(
        FAMILY,
        "parental-substance-misuse",
        "Parental substance misuse",
        ("substance misuse", "alcohol", "drug use", "cannabis"),
    ),
    SeedTheme(
        FAMILY,
        "parental-criminality",
        "Parental criminality",
        ("criminality", "prison", "offending", "probation"),
    ),
    SeedTheme(
        FAMILY,
        "parental-learning-disability",
        "Parents with a learning disability",
        ("learning disability", "learning disabilities"),
    ),
    SeedTheme(
        FAMILY,
        "hidden-men",
        "Hidden men and fathers",
        ("hidden men", "father", "fathers", "male carer", "partner of the mother"),
    ),
    SeedTheme(
        FAMILY,
        "housing-poverty",
        "Housing and poverty",
        ("housing", "poverty", "homeless", "temporary accommodation", "debt"),
    ),
    SeedTheme(
        FAMILY,
        "culture-faith-ethnicity",
        "Culture, faith and ethnicity",
        ("culture", "faith", "ethnicity", "interpreter", "language"),
    ),
    # Practice themes
    SeedTheme(
        PRACTICE,
        "information-sharing",
        "Information sharing",
        ("information sharing", "share information", "shared information"),
    ),
    SeedTheme(
        PRACTICE,
        "multi-agency-working",
        "Multi-agency working",
        ("multi-agency", "partnership working", "strategy meeting"),
    ),
    SeedTheme(
        PRACTICE,
        "risk-assessment",
        "Risk assessment and decision making",
        ("risk assessment", "decision making", "threshold", "assessment of risk"),
    ),
    SeedTheme(
        PRACTICE,
        "professional-curiosity",
        "Professional curiosity and over-optimism",
        ("professional curiosity", "curiosity", "over-optimism", "disguised compliance"),
    ),
    SeedTheme(
        PRACTICE,
        "voice-of-the-child",
        "Voice and lived experience of the child",
        ("voice of the child", "lived experience", "child's voice", "seen alone"),
    ),
    SeedTheme(
        PRACTICE,
        "whole-family",
        "Whole-family approach",
        ("whole family", "whole-family", "think family"),
    ),
    SeedTheme(
        PRACTICE,
        "escalation",
        "Escalation and challenge",
        ("escalation", "escalate", "challenge", "professional disagreement"),
    ),
    SeedTheme(
        PRACTICE,
        "transfer-between-areas",
        "Transfer between areas",
        ("transfer", "moved area", "moved between", "cross-border", "out of area"),
    ),
    SeedTheme(
        PRACTICE,
        "leadership-culture",
        "Leadership and culture",
        ("leadership", "culture", "supervision", "caseload", "workload"),
    ),
    SeedTheme(
        PRACTICE,
        "equality-diversity-inclusion",
        "Equality, diversity and inclusion",
        ("equality", "diversity", "inclusion", "racism", "ableism", "adultification"),
    ),
)
