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
        (
            "non-accidental injury",
            "non-accidental",
            "physical abuse",
            "physically abused",
            "fracture",
            "bruising",
            "head injury",
            "brain injury",
            "multiple injuries",
            "abusive head trauma",
            "shaking",
            "shaken",
            "strangulation",
            "suffocation",
        ),
    ),
    SeedTheme(
        HARM, "neglect", "Neglect", ("neglect", "neglected", "neglectful", "poor home conditions")
    ),
    SeedTheme(HARM, "emotional-abuse", "Emotional abuse", ("emotional abuse", "emotional harm")),
    SeedTheme(
        HARM,
        "sexual-abuse",
        "Sexual abuse within the family",
        ("sexual abuse", "sexually abused", "intrafamilial sexual abuse", "incest"),
    ),
    SeedTheme(
        HARM,
        "child-sexual-exploitation",
        "Child sexual exploitation",
        ("child sexual exploitation", "sexual exploitation", "sexually exploited", "CSE"),
    ),
    SeedTheme(
        HARM,
        "child-criminal-exploitation",
        "Child criminal exploitation or county lines",
        (
            "criminal exploitation",
            "criminally exploited",
            "county lines",
            "CCE",
            "drug dealing",
        ),
    ),
    SeedTheme(
        HARM,
        "extrafamilial-harm",
        "Extrafamilial harm, serious youth violence or homicide",
        (
            "extra-familial",
            "outside the family",
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
        (
            "SUDI",
            "SIDS",
            "unsafe sleep",
            "co-sleeping",
            "bed-sharing",
            "sudden unexpected death",
            "sudden infant death",
            "cot death",
            "safer sleep",
        ),
    ),
    SeedTheme(HARM, "suicide", "Suicide", ("suicide", "suicidal", "own life", "own lives")),
    SeedTheme(
        HARM,
        "self-harm",
        "Self-harm",
        ("self-harm", "self-harming", "self-harmed", "self-injury", "self-poisoning"),
    ),
    SeedTheme(
        HARM,
        "online-harm",
        "Online harm",
        ("online", "social media", "internet", "cyberbullying", "sexting"),
    ),
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
        (
            "infant",
            "baby",
            "pre-mobile",
            "non-mobile",
            "newborn",
            "neonatal",
            "under one",
            "day old",
            "week old",
            "{1-11} month old",
        ),
    ),
    SeedTheme(
        CHILD,
        "adolescent",
        "Adolescent",
        (
            "adolescent",
            "adolescence",
            "teenager",
            "teenage",
            "young person",
            "young people",
            "{13-17} year old",
            "secondary age",
            "secondary school age",
        ),
    ),
    SeedTheme(
        CHILD,
        "disabled-child",
        "Disabled or complex health needs",
        (
            "disabled",
            "disability",
            "complex health needs",
            "special educational needs",
            "EHCP",
            "learning difficulties",
            "chronic illness",
            "chronic health condition",
            "autism",
            "autistic",
        ),
    ),
    SeedTheme(
        CHILD,
        "child-mental-health",
        "Child's mental health needs",
        (
            "CAMHS",
            "child and adolescent mental health",
            "mental health of the child",
            "children's mental health",
            "young people's mental health",
            "complex mental health needs",
            "emotional wellbeing",
            "eating disorder",
            "anorexia",
        ),
    ),
    SeedTheme(
        CHILD,
        "looked-after",
        "Looked after child or care leaver",
        (
            "looked after",
            "in care",
            "care leaver",
            "foster",
            "children's home",
            "residential care",
        ),
    ),
    SeedTheme(
        CHILD,
        "not-in-school",
        "Not in school or absent",
        (
            "elective home education",
            "home educated",
            "missing education",
            "missing from education",
            "not in school",
            "exclusion",
            "excluded from school",
            "absent from school",
            "school attendance",
        ),
    ),
    SeedTheme(CHILD, "young-carer", "Young carer", ("young carer",)),
    SeedTheme(
        CHILD,
        "black-asian-mixed-heritage",
        "Black, Asian and mixed heritage",
        ("black", "mixed heritage", "asian"),
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
            "parent mental illness",
            "parents with mental health",
            "postnatal depression",
            "mother's mental health",
            "father's mental health",
        ),
    ),
    SeedTheme(
        FAMILY,
        "parental-substance-misuse",
        "Parental substance misuse",
        (
            "substance misuse",
            "substance misuser",
            "misuse substances",
            "alcohol misuse",
            "drug use",
            "methadone",
        ),
    ),
    SeedTheme(
        FAMILY,
        "parental-criminality",
        "Parental criminality",
        (
            "parental criminality",
            "parental offending",
            "prison",
            "probation",
        ),
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
        (
            "hidden men",
            "unseen men",
            "invisible men",
            "unknown men",
            "fathers",
            "father figure",
            "male carer",
            "stepfather",
            "mother's partner",
            "mother's new partner",
            "partner of the mother",
        ),
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
        (
            "cultural",
            "faith",
            "religion",
            "religious",
            "ethnicity",
            "ethnic",
            "interpreter",
            "language barrier",
            "first language",
        ),
    ),
    # Practice themes
    SeedTheme(
        PRACTICE,
        "information-sharing",
        "Information sharing",
        (
            "information sharing",
            "share information",
            "shared information",
            "sharing of information",
            "not shared",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "multi-agency-working",
        "Multi-agency working",
        (
            "multi-agency",
            "partnership working",
            "joint working",
            "strategy meeting",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "risk-assessment",
        "Risk assessment and decision making",
        (
            "risk assessment",
            "assessment of risk",
            "management of risk",
            "decision making",
            "threshold",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "professional-curiosity",
        "Professional curiosity and over-optimism",
        (
            "professional curiosity",
            "curiosity",
            "over-optimism",
            "disguised compliance",
            "respectful uncertainty",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "voice-of-the-child",
        "Voice and lived experience of the child",
        (
            "voice of the child",
            "lived experience",
            "child's voice",
            "child's views",
            "views of the child",
            "child seen alone",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "whole-family",
        "Whole-family approach",
        ("whole family", "whole-family", "think family", "holistic family"),
    ),
    SeedTheme(
        PRACTICE,
        "escalation",
        "Escalation and challenge",
        (
            "escalation",
            "escalate",
            "professional disagreement",
            "professional differences",
            "professional challenge",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "transfer-between-areas",
        "Transfer between areas",
        (
            "transfer",
            "moved area",
            "moved between",
            "cross-border",
            "out of area",
            "another local authority",
            "different local authority",
            "different county",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "leadership-culture",
        "Leadership and culture",
        (
            "leadership",
            "culture of",
            "organisational culture",
            "supervision",
            "caseload",
            "workload",
        ),
    ),
    SeedTheme(
        PRACTICE,
        "equality-diversity-inclusion",
        "Equality, diversity and inclusion",
        (
            "equality",
            "diversity",
            "inclusion",
            "racism",
            "racial",
            "race",
            "ableism",
            "adultification",
            "discrimination",
        ),
    ),
)
