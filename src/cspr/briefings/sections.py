"""What each kind of learning product contains, in one place: its sections in order, the field
each section is written in, a guide length, and which sections must be written before it is
approved.

Learning on a Page (SOURCES.md §3.6): what happened, the key learning, what good practice looks
like, what practitioners should do differently, what the partnership is changing, questions for
reflection and further information, on one A4 page.

7-minute briefing (SOURCES.md §3.7, S35): always the same seven numbered panels: 1 background,
2 why it matters, 3 information, 4 key learning, 5 what good looks like (and what to do
differently), 6 questions for reflection, 7 further information (with what the partnership is
changing)."""

from dataclasses import dataclass

from cspr.briefings.models import ProductKind


class Style:
    TEXT = "text"  # paragraphs and "- " bullets
    QUESTIONS = "questions"  # one question a line, numbered
    LINKS = "links"  # one link a line: "What it is: https://..."


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # the heading in a Learning on a Page, and the field's label
    hint: str
    words: int  # a guide: about this many words fit on the page
    style: str = Style.TEXT


FIELDS = {
    f.name: f
    for f in (
        Field(
            "what_happened",
            "What happened",
            "In brief, anonymised: the child by pseudonym only, no names, dates of birth, "
            "addresses or schools.",
            120,
        ),
        Field(
            "why_it_matters",
            "Why it matters",
            "Why practitioners should care about this learning.",
            70,
        ),
        Field(
            "key_facts",
            "Information",
            "About the review: its type, how it was carried out, when it was published.",
            70,
        ),
        Field(
            "key_learning", "Key learning", "Three to six points, one a line starting “- ”.", 150
        ),
        Field(
            "good_practice",
            "What good practice looks like",
            "What the review found that went well, and what good looks like.",
            90,
        ),
        Field(
            "do_differently",
            "What practitioners should do differently",
            "Practical steps for the front line, one a line starting “- ”.",
            90,
        ),
        Field(
            "partnership_changes",
            "What the partnership is changing",
            "The recommendations, in plain language.",
            90,
        ),
        Field(
            "reflection_questions",
            "Questions for reflection",
            "One question a line. Teams discuss them at the end of the briefing.",
            60,
            Style.QUESTIONS,
        ),
        Field(
            "links",
            "Further information",
            "One a line: what it is, a colon, then the address (“The full report: https://…”).",
            40,
            Style.LINKS,
        ),
    )
}


@dataclass(frozen=True)
class Part:
    field: Field
    subheading: str | None = None  # shown when a section has more than one part


@dataclass(frozen=True)
class Section:
    number: int | None
    heading: str
    parts: tuple[Part, ...]

    @property
    def anchor(self) -> str:
        return self.parts[0].field.name.replace("_", "-")


def _one(name: str) -> Section:
    return Section(None, FIELDS[name].label, (Part(FIELDS[name]),))


SECTIONS: dict[str, tuple[Section, ...]] = {
    ProductKind.LEARNING_ON_A_PAGE: tuple(
        _one(name)
        for name in (
            "what_happened",
            "key_learning",
            "good_practice",
            "do_differently",
            "partnership_changes",
            "reflection_questions",
            "links",
        )
    ),
    ProductKind.SEVEN_MINUTE_BRIEFING: (
        Section(1, "Background", (Part(FIELDS["what_happened"]),)),
        Section(2, "Why it matters", (Part(FIELDS["why_it_matters"]),)),
        Section(3, "Information", (Part(FIELDS["key_facts"]),)),
        Section(4, "Key learning", (Part(FIELDS["key_learning"]),)),
        Section(
            5,
            "What good looks like",
            (
                Part(FIELDS["good_practice"]),
                Part(FIELDS["do_differently"], "What to do differently"),
            ),
        ),
        Section(6, "Questions for reflection", (Part(FIELDS["reflection_questions"]),)),
        Section(
            7,
            "Further information",
            (
                Part(FIELDS["partnership_changes"], "What the partnership is changing"),
                Part(FIELDS["links"], "Read more"),
            ),
        ),
    ),
}

# Written before approval: a Learning on a Page needs what happened, the learning and what to
# do about it; a 7-minute briefing needs something in each of its seven panels.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    ProductKind.LEARNING_ON_A_PAGE: (
        ("what_happened",),
        ("key_learning",),
        ("good_practice", "do_differently"),
        ("reflection_questions",),
    ),
    ProductKind.SEVEN_MINUTE_BRIEFING: tuple(
        tuple(part.field.name for part in section.parts)
        for section in SECTIONS[ProductKind.SEVEN_MINUTE_BRIEFING]
    ),
}

# The most pages each kind may take, and the text sizes tried, largest first (points x 10).
MAX_PAGES: dict[str, int] = {
    ProductKind.LEARNING_ON_A_PAGE: 1,
    ProductKind.SEVEN_MINUTE_BRIEFING: 2,
}
TEXT_SIZES = (105, 100, 95, 90)


def fields_of(kind: str) -> list[Field]:
    """The fields a kind uses, in the order its sections show them."""
    return [part.field for section in SECTIONS[kind] for part in section.parts]


def section_title(section: Section) -> str:
    return f"{section.number}. {section.heading}" if section.number else section.heading


def word_count(text: str) -> int:
    return len(text.split())
